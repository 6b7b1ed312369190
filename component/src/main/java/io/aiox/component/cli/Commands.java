package io.aiox.component.cli;

import io.aiox.component.hub.HubConfig;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Dispatches the operator commands ({@link #USAGE}); returns the process exit code. */
public final class Commands {
  /** What the operator can run; printed for a missing or unknown command. */
  public static final String USAGE = """
      usage: aiox COMMAND ... --config HUB.json
        user add NAME [--admin] [--json]                    a user and their XMPP account (--admin: console
                                                            admin role)
        user link NAME JID | user unlink NAME JID           a JID (e.g. on another server) counts as the user
        user set NAME [--quota JSON] [--role admin|user] [--json]
                                                            merge into the owner's quota_config (null removes
                                                            a key; only limit keys, each checked); set the
                                                            console role
        agent create --owner NAME --name NAME [--model M] [--fallbacks A,B] [--visibility V] [--description D]
              [--system-prompt P] [--json]
        agent list [--owner NAME] [--json] | agent delete JID
        agent set JID [--llm JSON] [--memory JSON] [--governance JSON] [--visibility V] [--json]
                                                            merge into the agent's settings (null removes a key)
        agent tool enable JID TOOL [--policy JSON] | agent tool disable JID TOOL
        keys rotate [--master] | keys rewrap | keys status [--json]      encryption at rest
        secret set --owner USER --name NAME (value on standard input) | secret list --owner USER
        audit verify [--owner NAME] [--json]                recompute the audit hash chains: exit 0 when all
                                                            hold, 1 when one is broken (names owner and entry)
        config check [--json]                               validate the configuration as the hub reads it at
                                                            start (the file over its .generated.json); names
                                                            the bad key (needs no server)
        model list | model pull NAME --dir DIR              (needs no --config)
        console-keys PRIVATE.jwk PUBLIC.jwk                 the key pair of the browser chat's XMPP logins,
                                                            made once (needs no --config; before ejabberd)""";

  private static final Set<String> FLAGS = Set.of("json", "master", "admin");
  private static final Set<String> OPTIONS = Set.of("json", "config", "owner", "name", "visibility", "model",
      "fallbacks", "description", "system-prompt", "master", "llm", "memory", "governance", "policy", "quota",
      "admin", "role");

  private static final Set<String> COMMANDS = Set.of("user", "agent", "keys", "secret", "audit", "config");

  private Commands() {}

  private static int consoleKeys(List<String> argv, PrintStream out, PrintStream err) {
    if (argv.size() != 3) {
      err.println("aiox: usage: console-keys PRIVATE.jwk PUBLIC.jwk");
      return 2;
    }
    String kid = io.aiox.web.auth.xmpp.XmppKeyFiles.ensure(Path.of(argv.get(1)), Path.of(argv.get(2))).getKeyID();
    out.println("XMPP login key " + kid + ": private " + argv.get(1) + ", public (for ejabberd) " + argv.get(2));
    return 0;
  }

  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    return run(argv, System.in, out, err);
  }

  /** As {@link #run(List, PrintStream, PrintStream)}, with {@code in} for commands that read a secret. */
  public static int run(List<String> argv, InputStream in, PrintStream out, PrintStream err) {
    if (!argv.isEmpty() && argv.get(0).equals("model")) {
      return ModelCommands.run(argv, out, err); // needs no database: models are pulled before the first start
    }
    if (!argv.isEmpty() && argv.get(0).equals("console-keys")) {
      return consoleKeys(argv, out, err); // before ejabberd's first start, which reads the public key
    }
    try {
      Args args = new Args(argv, FLAGS).allow(OPTIONS);
      String command = args.word(0, "command");
      if (!COMMANDS.contains(command)) {
        throw new Args.UsageException("unknown command " + command);
      }
      Path file = Path.of(args.required("config"));
      if (command.equals("config")) {
        return ConfigCommands.run(file, args, out);
      }
      HubConfig config = HubConfig.load(file);
      try (Operator op = new Operator(config)) {
        return switch (command) {
          case "audit" -> AuditCommands.run(op, args, out);
          case "user" -> done(() -> UserCommands.run(op, args, out));
          case "agent" -> done(() -> AgentCommands.run(op, args, out));
          case "keys" -> done(() -> KeyCommands.run(op, args, out));
          default -> done(() -> SecretCommands.run(op, args, in, out));
        };
      }
    } catch (Args.UsageException e) {
      err.println("aiox: " + e.getMessage());
      if (e.getMessage().startsWith("missing command") || e.getMessage().startsWith("unknown command")) {
        err.println(USAGE);
      }
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("aiox: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("aiox: " + e.getMessage());
      return 1;
    }
  }

  /** Commands that either succeed or throw: exit 0 once they return. */
  private static int done(Runnable command) {
    command.run();
    return 0;
  }
}
