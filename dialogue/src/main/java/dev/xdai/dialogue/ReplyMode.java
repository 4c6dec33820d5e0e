package dev.xdai.dialogue;

/**
 * Which voice produced a reply: a quoted knowledge answer in a frame ({@code QUOTED}), the model's own fill of the blank
 * ({@code GENERATED}), a reply from the response bank that the model ranked above its own ({@code BANK}), the persona's "I don't know" when nothing known answers the question or every generation invented
 * a fact ({@code UNKNOWN}), or the service's fallback when every attempt was defective or too slow ({@code FALLBACK}).
 */
public enum ReplyMode { QUOTED, GENERATED, BANK, UNKNOWN, FALLBACK }
