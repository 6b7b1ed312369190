package io.aiox.component.cli;

import io.aiox.component.hub.HubConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Dispatches {@code user ...} and {@code agent ...}; returns the process exit code. */
public final class Commands {
  private static final Set<String> FLAGS = Set.of("json");
  private static final Set<String> OPTIONS = Set.of("json", "config", "owner", "name", "visibility", "model",
      "description");

  private Commands() {}

  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    try {
      Args args = new Args(argv, FLAGS).allow(OPTIONS);
      HubConfig config = HubConfig.load(Path.of(args.required("config")));
      try (Operator op = new Operator(config)) {
        switch (args.word(0, "command")) {
          case "user" -> UserCommands.run(op, args, out);
          case "agent" -> AgentCommands.run(op, args, out);
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
