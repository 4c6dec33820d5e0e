package dev.xdai.graph;

import java.util.List;

/**
 * The constraints of what this module stores (the change clock, leases, shared files), created whenever a connection
 * opens. What other modules store brings its own through {@link GraphConnection#ensureSchema(List)}.
 */
final class GraphSchema {

  static final List<String> STATEMENTS = List.of(
      // Replication: the change clock (one node, merged by every change) and leases for work one replica does.
      "CREATE CONSTRAINT xdai_change_clock_id IF NOT EXISTS FOR (n:ChangeClock) REQUIRE n.id IS UNIQUE",
      "CREATE CONSTRAINT xdai_lease_name IF NOT EXISTS FOR (n:Lease) REQUIRE n.name IS UNIQUE",
      "CREATE CONSTRAINT xdai_shared_file_key IF NOT EXISTS FOR (n:SharedFile) REQUIRE n.key IS UNIQUE");

  private GraphSchema() {}
}
