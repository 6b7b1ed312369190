package io.aiox.component.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: one operator command run in-process, with its exit code and what it printed. */
public record CliRun(int code, String out, String err) {
  public static CliRun of(String... argv) {
    return withInput("", argv);
  }

  public static CliRun of(List<String> argv) {
    return withInput("", argv.toArray(String[]::new));
  }

  /** The same, with {@code stdin} on standard input (for commands that read a secret). */
  public static CliRun withInput(String stdin, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Commands.run(new ArrayList<>(List.of(argv)), new ByteArrayInputStream(
        stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
