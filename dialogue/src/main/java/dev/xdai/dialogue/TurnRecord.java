package dev.xdai.dialogue;

import java.time.Instant;

/** A stored turn: the user's utterance, the reply, and what grounded it. */
public record TurnRecord(int index, String user, String reply, Grounding grounding, Instant at) {}
