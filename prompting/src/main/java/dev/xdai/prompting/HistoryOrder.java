package dev.xdai.prompting;

/** How selected history is laid out: as it happened, or by relevance with the most relevant next to the query. */
public enum HistoryOrder { DIALOGUE, RELEVANCE }
