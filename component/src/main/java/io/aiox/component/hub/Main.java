package io.aiox.component.hub;

import io.aiox.component.cli.Commands;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/** {@code java -jar aiox-hub.jar run CONFIG} starts a hub; {@code user ...}/{@code agent ...} are operator commands. */
public final class Main {
  private Main() {}

  public static void main(String[] argv) {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
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
    if (args.size() != 2) {
      System.err.println("usage: aiox-hub run CONFIG");
      return 2;
    }
    Logger log = Logger.getLogger(Main.class.getName());
    Hub hub;
    try {
      hub = Hub.start(HubConfig.load(Path.of(args.get(1))));
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
