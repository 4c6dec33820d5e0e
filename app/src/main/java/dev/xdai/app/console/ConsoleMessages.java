package dev.xdai.app.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The web console's UI text: English here, Chinese in {@code messages/msg_zh.properties}. Templates use them as
 * {@code {msg:key}}; the pages' scripts get the same messages as JSON ({@link ConsoleText}). Placeholders the scripts
 * fill are written {@code %1}, {@code %2}; no message takes a parameter of its own.
 */
@MessageBundle(locale = "en")
public interface ConsoleMessages {

  @Message("Skip to content")
  String skip_to_content();

  @Message("Console pages")
  String nav_label();

  @Message("Chat")
  String nav_chat();

  @Message("Personas")
  String nav_personas();

  @Message("Knowledge")
  String nav_knowledge();

  @Message("Status")
  String nav_status();

  @Message("Language")
  String language();

  @Message("API key")
  String key_button();

  @Message("key in use")
  String key_set();

  @Message("API key")
  String key_title();

  @Message("Key (xdai-…)")
  String key_label();

  @Message("Kept in this browser tab until it closes, and sent with each request to this service only.")
  String key_hint();

  @Message("Use this key")
  String key_use();

  @Message("Forget the key")
  String key_forget();

  @Message("Cancel")
  String cancel();

  @Message("An API key is needed")
  String key_needed_title();

  @Message("Access control is on: enter a key to use this page.")
  String key_needed();

  @Message("This page needs an admin key")
  String admin_only_title();

  @Message("The key in use is a chat key: it may talk to bots, but not manage personas, knowledge or the service. Enter an admin key to use this page.")
  String admin_only();

  @Message("The service could not be reached.")
  String error_network();

  @Message("Error %1:")
  String error_prefix();

  @Message("The stream ended without a reply.")
  String error_no_reply();

  @Message("none")
  String none();

  @Message("Delete")
  String delete();

  @Message("Save")
  String save();

  @Message("Send")
  String send();

  @Message("You")
  String you();

  @Message("Updated")
  String updated();

  @Message("Actions")
  String actions();

  @Message("Chat")
  String chat_title();

  @Message("Conversations")
  String sessions_heading();

  @Message("New conversation")
  String new_conversation();

  @Message("No conversations yet.")
  String sessions_none();

  @Message("(nothing said yet)")
  String session_empty();

  @Message("Delete conversation: %1")
  String session_delete();

  @Message("Delete the conversation \"%1\" for good?")
  String session_delete_confirm();

  @Message("turns: %1")
  String turns_count();

  @Message("Bot")
  String bot();

  @Message("Emotion")
  String emotion();

  @Message("the persona's own")
  String emotion_default();

  @Message("Applies to each reply from now on; it can be changed at any time.")
  String emotion_hint();

  @Message("Show the prompt")
  String show_prompt();

  @Message("Conversation")
  String transcript();

  @Message("Your message")
  String say_label();

  @Message("Say something… (Enter sends, Shift+Enter for a new line)")
  String say_placeholder();

  @Message("Why this reply")
  String grounding_heading();

  @Message("Choose a reply's \"Grounding\" to see what grounded it.")
  String grounding_pick();

  @Message("This reply has no grounding.")
  String grounding_none();

  @Message("Reply %1")
  String grounding_of();

  @Message("Grounding")
  String why();

  @Message("in the prompt · relevance %1")
  String used_in_prompt();

  @Message("Persona")
  String persona();

  @Message("Model")
  String model();

  @Message("Knowledge")
  String knowledge();

  @Message("No knowledge was injected.")
  String knowledge_none();

  @Message("Item")
  String item();

  @Message("Pack")
  String pack();

  @Message("Score")
  String score();

  @Message("before the utterance")
  String placed_query();

  @Message("before turn %1")
  String placed_history();

  @Message("quoted · confidence %1")
  String quoted_with();

  @Message("From the response bank")
  String bank_origin();

  @Message("Background")
  String background();

  @Message("knowledge")
  String from_knowledge();

  @Message("persona")
  String from_persona();

  @Message("Selected history")
  String history_selected();

  @Message("No earlier turn was selected.")
  String history_none();

  @Message("Turn %1")
  String turn_n();

  @Message("relevance")
  String relevance();

  @Message("Timings")
  String timings();

  @Message("%1 ms in all")
  String timings_total();

  @Message("Dropped to fit the context")
  String dropped();

  @Message("Numbers without support")
  String unsupported_numbers();

  @Message("Notes")
  String notes();

  @Message("Prompt")
  String prompt();

  @Message("The prompt is shown for replies made on this page since it was opened; it is not stored with the conversation.")
  String prompt_unavailable();

  @Message("background")
  String part_background();

  @Message("knowledge")
  String part_knowledge();

  @Message("history")
  String part_history();

  @Message("utterance")
  String part_utterance();

  @Message("blank")
  String part_blank();

  @Message("post-response")
  String part_post_response();

  @Message("quoted")
  String mode_quoted();

  @Message("generated")
  String mode_generated();

  @Message("response bank")
  String mode_bank();

  @Message("don't know")
  String mode_unknown();

  @Message("fallback")
  String mode_fallback();

  @Message("no mode")
  String mode_none();

  @Message("The knowledge answered the question: the reply quotes it in a frame the model chose.")
  String mode_quoted_hint();

  @Message("The model filled the blank in its own words.")
  String mode_generated_hint();

  @Message("A reply from a real conversation in the response bank, ranked above the model's own.")
  String mode_bank_hint();

  @Message("Nothing known answered the question, so the persona said it does not know.")
  String mode_unknown_hint();

  @Message("Every attempt was defective or too slow; the service's fallback reply was said.")
  String mode_fallback_hint();

  @Message("This turn was stored before reply modes existed.")
  String mode_none_hint();

  @Message("neutral")
  String emotion_neutral();

  @Message("happy")
  String emotion_happy();

  @Message("angry")
  String emotion_angry();

  @Message("sad")
  String emotion_sad();

  @Message("surprised")
  String emotion_surprised();

  @Message("caring")
  String emotion_caring();

  @Message("Personas")
  String personas_title();

  @Message("New persona")
  String persona_new();

  @Message("A new persona: fill in the form or the YAML.")
  String persona_new_status();

  @Message("Import a Character Card V2 (JSON)")
  String persona_import_card();

  @Message("The card is read into the editor; save it to keep it.")
  String persona_import_card_hint();

  @Message("Imported from %1, not saved yet.")
  String card_imported();

  @Message("Check the persona, then save it.")
  String card_unsaved();

  @Message("Lorebook entries that could become a knowledge pack: %1.")
  String card_hints();

  @Message("Editor")
  String persona_editor();

  @Message("YAML")
  String persona_yaml();

  @Message("Problems")
  String persona_problems();

  @Message("No problems.")
  String persona_no_problems();

  @Message("Checking…")
  String persona_checking();

  @Message("Valid.")
  String persona_valid();

  @Message("Problems found: %1. See the marked fields and lines.")
  String persona_invalid();

  @Message("Fix the problems first; nothing was saved.")
  String persona_fix_first();

  @Message("Saved as %1.")
  String persona_saved();

  @Message("Editing %1.")
  String persona_opened();

  @Message("Deleted.")
  String persona_deleted();

  @Message("Delete the persona %1? A shipped persona cannot be deleted, only overridden.")
  String persona_delete_confirm();

  @Message("shipped")
  String origin_shipped();

  @Message("override")
  String origin_override();

  @Message("custom")
  String origin_custom();

  @Message("Id")
  String field_id();

  @Message("Lower-case letters, digits and -; the file name.")
  String field_id_hint();

  @Message("Display name")
  String field_displayName();

  @Message("Background")
  String field_background();

  @Message("The self-description put in front of every prompt.")
  String field_background_hint();

  @Message("Style")
  String field_style();

  @Message("Greeting")
  String field_greeting();

  @Message("Default emotion")
  String field_defaultEmotion();

  @Message("Answering")
  String field_answering();

  @Message("quote: say known answers verbatim, else \"don't know\"; free: the model words every reply.")
  String field_answering_hint();

  @Message("Knowledge packs")
  String field_packs();

  @Message("Comma-separated; empty for all packs.")
  String field_packs_hint();

  @Message("Known: %1.")
  String packs_known();

  @Message("\"Don't know\" reply")
  String field_unknownReply();

  @Message("Example exchanges")
  String field_examples();

  @Message("One line per utterance, the user's first, then the bot's, alternating. They become post-responses.")
  String field_examples_hint();

  @Message("Example %1")
  String example_n();

  @Message("Add an example")
  String example_add();

  @Message("Remove example %1")
  String example_remove();

  @Message("Decoding overrides")
  String field_generation();

  @Message("line %1:%2")
  String at_line();

  @Message("document")
  String at_document();

  @Message("Try it before saving")
  String try_heading();

  @Message("Talks as the persona in the editor, unsaved; nothing is stored.")
  String try_hint();

  @Message("Start over")
  String try_reset();

  @Message("Knowledge")
  String knowledge_title();

  @Message("Knowledge packs and their counts")
  String packs_caption();

  @Message("Entities")
  String entities();

  @Message("Facts")
  String facts();

  @Message("Descriptions")
  String descriptions();

  @Message("description")
  String description();

  @Message("Sources")
  String sources();

  @Message("Delete pack %1")
  String pack_delete();

  @Message("Delete the pack %1 and everything in it? The next turn no longer sees it.")
  String pack_delete_confirm();

  @Message("Import a file")
  String upload_heading();

  @Message("A new name makes a new pack; re-importing a file replaces what it said before.")
  String upload_pack_hint();

  @Message("Format")
  String format();

  @Message("triples (CSV entity,attribute,value)")
  String format_triples();

  @Message("FAQ (JSON lines)")
  String format_faq();

  @Message("text / Markdown")
  String format_text();

  @Message("KdConv (JSON)")
  String format_kdconv();

  @Message("File")
  String file();

  @Message("Import")
  String upload();

  @Message("Name the pack first.")
  String upload_no_pack();

  @Message("Choose a file first.")
  String upload_no_file();

  @Message("Sending %1…")
  String upload_sending();

  @Message("%1 sent; importing and indexing…")
  String upload_importing();

  @Message("Imported into %1: %2 records; the source now provides %3 entities, %4 facts, %5 QA pairs, %6 descriptions; %7 rows skipped.")
  String upload_done();

  @Message("Search a pack as a turn does")
  String search_heading();

  @Message("The same hybrid retrieval a turn runs: words (BM25), sentence vectors and the entities the text names, fused by rank.")
  String search_hint();

  @Message("Text")
  String search_query();

  @Message("QA (before the utterance)")
  String search_format_qa();

  @Message("descriptions (background)")
  String search_format_description();

  @Message("both")
  String search_format_all();

  @Message("Items")
  String search_limit();

  @Message("Search")
  String search();

  @Message("Type something to search for.")
  String search_empty();

  @Message("Nothing found.")
  String search_none();

  @Message("%1 items for \"%2\" in %3, best first")
  String search_caption();

  @Message("Found by")
  String found_by();

  @Message("Source")
  String source();

  @Message("BM25")
  String list_bm25();

  @Message("vector")
  String list_vector();

  @Message("entity")
  String list_entity();

  @Message("focus")
  String list_focus();

  @Message("rank among the items whose words match")
  String list_bm25_hint();

  @Message("rank by sentence-vector similarity")
  String list_vector_hint();

  @Message("rank among the items of the entities the text names")
  String list_entity_hint();

  @Message("rank among the items of the entities the dialogue is about")
  String list_focus_hint();

  @Message("An entity in the graph")
  String graph_heading();

  @Message("Entity name")
  String entity_name();

  @Message("Show")
  String entity_find();

  @Message("Type an entity's name.")
  String entity_empty();

  @Message("No entity named like \"%1\" in %2.")
  String entity_none();

  @Message("%1 and %2 things around it")
  String graph_label();

  @Message("Green circles are linked entities (select one to move there); boxes are facts, descriptions and QA pairs.")
  String graph_caption();

  @Message("Only part of the neighbourhood is shown: it is larger than the limit.")
  String graph_truncated();

  @Message("Also called: %1")
  String aliases();

  @Message("Linked entities")
  String links();

  @Message("Status")
  String status_title();

  @Message("Refresh")
  String refresh();

  @Message("Pause updates")
  String pause_updates();

  @Message("Resume updates")
  String resume_updates();

  @Message("Updated %1")
  String updated_at();

  @Message("Health")
  String health_heading();

  @Message("up")
  String status_up();

  @Message("down")
  String status_down();

  @Message("Model")
  String check_model();

  @Message("Graph server")
  String check_graph();

  @Message("Session journal")
  String check_sessions();

  @Message("Indexes")
  String check_indexes();

  @Message("Personas")
  String check_personas();

  @Message("reason")
  String data_reason();

  @Message("name")
  String data_name();

  @Message("context (tokens)")
  String data_contextLength();

  @Message("status")
  String data_status();

  @Message("detail")
  String data_detail();

  @Message("address")
  String data_uri();

  @Message("write-behind")
  String data_writeBehind();

  @Message("turns not yet in the graph")
  String data_backlog();

  @Message("knowledge items")
  String data_items();

  @Message("segments")
  String data_segments();

  @Message("vectors")
  String data_vectors();

  @Message("entities")
  String data_entities();

  @Message("generation")
  String data_generation();

  @Message("loaded")
  String data_loaded();

  @Message("files with problems")
  String data_filesWithProblems();

  @Message("Turns")
  String metrics_heading();

  @Message("Turns by reply mode")
  String chart_turns();

  @Message("%1 turns, by reply mode")
  String chart_turns_label();

  @Message("Mean time per step (the mark: 95th percentile)")
  String chart_steps();

  @Message("Mean milliseconds per pipeline step")
  String chart_steps_label();

  @Message("Turns since this page opened")
  String chart_trend();

  @Message("%1 turns and %2 tokens in all")
  String trend_label();

  @Message("%1 turns · %2 tokens")
  String trend_now();

  @Message("No turns yet.")
  String no_turns_yet();

  @Message("The figures as a table")
  String figures_table();

  @Message("Step")
  String step();

  @Message("Count")
  String count();

  @Message("Mean ms")
  String mean_ms();

  @Message("Max ms")
  String max_ms();
}
