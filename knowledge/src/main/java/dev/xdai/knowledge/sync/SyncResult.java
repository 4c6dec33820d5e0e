package dev.xdai.knowledge.sync;

import java.time.Duration;

/** What one index sync pushed: items by format and entity names, for one pack or ({@code pack} = "*") all packs. */
public record SyncResult(String pack, long qa, long descriptions, long entities, Duration elapsed) {}
