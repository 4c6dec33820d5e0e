package dev.xdai.app.cli;

import dev.xdai.app.security.ApiKeys;
import dev.xdai.evaluation.cli.HelpOption;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xdai keys create|list|revoke}: the service's API keys, written to the keys file the running service reads on
 * every request, so a key works (or stops working) at once, without a restart.
 */
@Dependent // picocli sets a command's options on the instance itself, which a client proxy would hide
@Command(name = "keys", synopsisSubcommandLabel = "create|list|revoke", description = {"The service's API keys; a change takes "
    + "effect at once, also while serving.", "A chat key talks to its bots (all when --bots is not given) in the sessions it "
        + "created; an admin key also manages personas, knowledge packs and keys."})
public class KeysCommand {

  @Mixin HelpOption help;

  @Inject ApiKeys keys;

  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

  @Command(name = "create", description = "Creates a key and prints it once; only its hash is stored.")
  int create(@Mixin HelpOption help,
      @Option(names = "--name", required = true, paramLabel = "NAME", description = "the key's name, for list and revoke") String name,
      @Option(names = "--role", defaultValue = "chat", paramLabel = "ROLE", description = "chat or admin (default ${DEFAULT-VALUE})") ApiKeys.Role role,
      @Option(names = "--bots", split = ",", paramLabel = "ID", description = "the bots a chat key may talk to (default: all)") List<String> bots) {
    List<String> named = bots == null ? List.of() : bots.stream().map(String::trim).filter(b -> !b.isEmpty()).toList();
    ApiKeys.Created c = keys.create(name, role, named);
    out.println(c.secret());
    err.printf("xdai keys: created %s key '%s'%s in %s; the key above is shown only now%n", role.label(), name,
        named.isEmpty() || role == ApiKeys.Role.ADMIN ? "" : " for " + String.join(", ", named), keys.file());
    return 0;
  }

  @Command(name = "list", description = "Lists the keys: name, role, a hint of the key, when created and revoked, its bots.")
  int list(@Mixin HelpOption help) {
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

  @Command(name = "revoke", description = "Revokes the key: it stops working at once.")
  int revoke(@Mixin HelpOption help, @Parameters(paramLabel = "NAME", description = "the key's name") String name) {
    if (!keys.revoke(name)) {
      err.println("xdai keys: no active key named '" + name + "'");
      return 1;
    }
    err.println("xdai keys: revoked '" + name + "'");
    return 0;
  }
}
