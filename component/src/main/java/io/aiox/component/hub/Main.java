package io.aiox.component.hub;

import io.aiox.component.cli.Commands;
import io.aiox.component.observability.logging.LogFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * {@code java -jar aiox-hub.jar run CONFIG [--node FILE]} starts a hub ({@code --node}: this process's own settings,
 * laid over the others, such as a cluster node's role); {@code user ...}/{@code agent ...} are operator commands.
 */
public final class Main {
  private Main() {}

  public static void main(String[] argv) {
    System.setProperty("java.util.logging.SimpleFormatter.format", LogFormat.TEXT_PATTERN);
    List<String> args = Arrays.asList(argv);
    if (args.isEmpty()) {
      System.err.println("usage: aiox-hub run CONFIG, or an operator command:\n" + Commands.USAGE);
      System.exit(2);
    }
    if (args.get(0).equals("run")) {
      System.exit(runHub(args));
    }
    System.exit(Commands.run(args, System.out, System.err));
  }

  private static int runHub(List<String> args) {
    boolean node = args.size() == 4 && args.get(2).equals("--node");
    if (args.size() != 2 && !node) {
      System.err.println("usage: aiox-hub run CONFIG [--node FILE]");
      return 2;
    }
    Logger log = Logger.getLogger(Main.class.getName());
    Hub hub;
    try {
      // The environment decides before the file is read, so even a bad file is reported in the chosen format.
      LogFormat.fromEnvironment().ifPresent(LogFormat::install);
      ConfigLayers files = ConfigLayers.read(Path.of(args.get(1)), node ? Path.of(args.get(3)) : null);
      HubConfig config = HubConfig.load(files);
      LogFormat.fromEnvironment().orElse(config.logFormat()).install();
      log.info(files.provenance());
      hub = Hub.start(config);
    } catch (RuntimeException e) {
      log.severe("start-up failed: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping");
      hub.close();
      stopped.countDown();
    }, "aiox-stop"));
    log.info("AIOX hub ready");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
