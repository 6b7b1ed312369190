package io.aiox.component.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Test fixture: one scrape of a Prometheus text exposition, its samples, and Prometheus's own linter on it. */
record Exposition(String text) {
  /**
   * The value of the sample named {@code name} whose labels include every {@code key="value"} pair given, or 0 when
   * there is none (a counter that never moved).
   */
  double value(String name, String... labels) {
    return text.lines().filter(l -> !l.startsWith("#")).filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
  }

  /**
   * What {@code promtool check metrics} says about this exposition: empty when it passes. promtool comes with the
   * Debian package {@code prometheus}, which {@code ./aiox test} installs; without it this fails rather than skips,
   * so a run without the linter cannot pass unnoticed.
   */
  String promtoolProblems() throws IOException, InterruptedException {
    Path promtool = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
        .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new AssertionError("promtool is not on the PATH: install the Debian package prometheus"
            + " (./aiox setup installs it for ./aiox test)"));
    Path input = Files.createTempFile("aiox-scrape", ".prom");
    try {
      Files.writeString(input, text);
      Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(input.toFile())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("promtool check metrics did not finish within 60 s");
      }
      return p.exitValue() == 0 ? out.strip() : "exit " + p.exitValue() + ": " + out.strip();
    } finally {
      Files.deleteIfExists(input);
    }
  }
}
