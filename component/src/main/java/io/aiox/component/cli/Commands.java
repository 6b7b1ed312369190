package io.aiox.component.cli;

import io.aiox.component.hub.HubConfig;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Dispatches {@code user ...}, {@code agent ...} and {@code model ...}; returns the process exit code. */
public final class Commands {
  private static final Set<String> FLAGS = Set.of("json", "master");
  private static final Set<String> OPTIONS = Set.of("json", "config", "owner", "name", "visibility", "model",
      "fallbacks", "description", "system-prompt", "master", "llm", "memory", "governance", "policy");

  private Commands() {}

  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    return run(argv, System.in, out, err);
  }

  /** As {@link #run(List, PrintStream, PrintStream)}, with {@code in} for commands that read a secret. */
  public static int run(List<String> argv, InputStream in, PrintStream out, PrintStream err) {
    if (!argv.isEmpty() && argv.get(0).equals("model")) {
      return ModelCommands.run(argv, out, err); // needs no database: models are pulled before the first start
    }
    try {
      Args args = new Args(argv, FLAGS).allow(OPTIONS);
      HubConfig config = HubConfig.load(Path.of(args.required("config")));
      try (Operator op = new Operator(config)) {
        switch (args.word(0, "command")) {
          case "user" -> UserCommands.run(op, args, out);
          case "agent" -> AgentCommands.run(op, args, out);
          case "keys" -> KeyCommands.run(op, args, out);
          case "secret" -> SecretCommands.run(op, args, in, out);
          default -> throw new Args.UsageException("unknown command " + args.word(0, "command"));
        }
      }
      return 0;
    } catch (Args.UsageException | IllegalArgumentException e) {
      err.println("aiox: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("aiox: " + e.getMessage());
      return 1;
    }
  }
}
