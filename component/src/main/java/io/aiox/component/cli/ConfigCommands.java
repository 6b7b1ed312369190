package io.aiox.component.cli;

import io.aiox.component.hub.ConfigLayers;
import io.aiox.component.hub.HubConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code config check}: reads the configuration as {@code aiox-hub run} would (the operator's file over the
 * generated one) and validates it with the hub's own checks, so a bad key is named before a restart, not after.
 * Needs no server.
 */
final class ConfigCommands {
  private ConfigCommands() {}

  static int run(Path file, Args args, PrintStream out) {
    String verb = args.word(1, "config command (check)");
    if (!verb.equals("check")) {
      throw new Args.UsageException("unknown config command " + verb + " (known: check)");
    }
    ConfigLayers files = ConfigLayers.read(file);
    HubConfig.load(files);
    if (args.flag("json")) {
      JsonArray read = new JsonArray();
      files.layers().forEach(l -> read.add(l.file().toString()));
      out.println(new JsonObject().put("ok", true).put("files", read).put("provenance", files.provenance()).encode());
    } else {
      out.println("ok");
      out.println(files.provenance());
    }
    return 0;
  }
}
