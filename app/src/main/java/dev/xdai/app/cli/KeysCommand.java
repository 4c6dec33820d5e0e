package dev.xdai.app.cli;

import dev.xdai.app.security.ApiKeys;
import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.UsageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code xdai keys create|list|revoke}: the service's API keys, written to the keys file the running service reads on
 * every request, so a key works (or stops working) at once, without a restart.
 */
@ApplicationScoped
public class KeysCommand {

  static final String USAGE = """
      usage: xdai keys create --name NAME --role chat|admin [--bots ID,ID...]
             xdai keys list
             xdai keys revoke NAME
        create prints the new key once; only its hash is stored. A chat key talks to its bots (all when --bots is not
        given) in the sessions it created; an admin key also manages personas, knowledge packs and keys.""";

  @Inject ApiKeys keys;

  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

  public int run(String... argv) {
    if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
      (argv.length == 0 ? err : out).println(USAGE);
      return argv.length == 0 ? 2 : 0;
    }
    try {
      List<String> rest = Arrays.asList(argv).subList(1, argv.length);
      return switch (argv[0]) {
        case "create" -> create(Args.parse(rest, Set.of("name", "role", "bots"), Set.of(), Set.of()));
        case "list" -> list(Args.parse(rest, Set.of(), Set.of(), Set.of()));
        case "revoke" -> revoke(Args.parse(rest, Set.of(), Set.of(), Set.of()));
        default -> throw new UsageException("unknown keys command '" + argv[0] + "' (create, list, revoke)");
      };
    } catch (UsageException | IllegalArgumentException e) {
      err.println("xdai keys: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }

  private int create(Args a) {
    if (!a.positionals().isEmpty()) throw new UsageException("unexpected " + a.positionals());
    String name = a.value("name", null);
    if (name == null) throw new UsageException("--name is required");
    ApiKeys.Role role = ApiKeys.Role.parse(a.value("role", "chat"));
    List<String> bots = a.has("bots") ? Arrays.stream(a.value("bots", "").split(",")).map(String::trim).filter(b -> !b.isEmpty()).toList() : List.of();
    ApiKeys.Created c = keys.create(name, role, bots);
    out.println(c.secret());
    err.printf("xdai keys: created %s key '%s'%s in %s; the key above is shown only now%n", role.label(), name,
        bots.isEmpty() || role == ApiKeys.Role.ADMIN ? "" : " for " + String.join(", ", bots), keys.file());
    return 0;
  }

  private int list(Args a) {
    if (!a.positionals().isEmpty()) throw new UsageException("unexpected " + a.positionals());
    List<ApiKeys.Key> all = keys.list();
    if (all.isEmpty()) {
      err.println("xdai keys: no keys in " + keys.file() + " (access control is off; the service listens on loopback only)");
      return 0;
    }
    out.printf("%-24s %-6s %-10s %-22s %-22s %s%n", "NAME", "ROLE", "KEY", "CREATED", "REVOKED", "BOTS");
    for (ApiKeys.Key k : all) {
      out.printf("%-24s %-6s %-10s %-22s %-22s %s%n", k.name(), k.role().label(), k.hint(), k.createdAt(),
          k.revokedAt() == null ? "-" : k.revokedAt(), k.bots().isEmpty() ? "*" : String.join(",", k.bots()));
    }
    return 0;
  }

  private int revoke(Args a) {
    if (a.positionals().size() != 1) throw new UsageException("name one key to revoke");
    String name = a.positionals().get(0);
    if (!keys.revoke(name)) {
      err.println("xdai keys: no active key named '" + name + "'");
      return 1;
    }
    err.println("xdai keys: revoked '" + name + "'");
    return 0;
  }
}
