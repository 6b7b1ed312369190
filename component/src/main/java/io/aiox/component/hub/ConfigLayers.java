package io.aiox.component.hub;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The hub's configuration as files in layers, so that what the operator writes survives what {@code ./aiox up}
 * generates. Beside the operator's {@code NAME.json} lies {@code NAME.generated.json}: ports, secrets, paths and the
 * demo model, rewritten by every {@code up}. The operator's file is laid over it as a JSON merge patch (RFC 7396):
 * objects merge key by key, any other value replaces, {@code null} removes; so every key the operator sets wins.
 * A file with no generated file beside it is read alone (a test's file, a hub configured by hand).
 *
 * @param layers the files in the order they apply, the operator's last
 */
public record ConfigLayers(List<Layer> layers) {
  /** One file and what it holds. */
  public record Layer(Path file, JsonObject json) {}

  public ConfigLayers {
    layers = List.copyOf(layers);
  }

  /** Reads {@code file} and, when it exists, the generated file beside it; fails naming the file it cannot read. */
  public static ConfigLayers read(Path file) {
    return read(file, null);
  }

  /**
   * The same, with {@code node} (when not null) laid over both: what differs between the processes of one
   * deployment (a cluster node's role and ports), so every process reads the operator's one file.
   */
  public static ConfigLayers read(Path file, Path node) {
    List<Layer> layers = new ArrayList<>();
    Path generated = generatedBeside(file);
    if (Files.exists(generated)) {
      layers.add(layer(generated));
    }
    layers.add(layer(file));
    if (node != null) {
      layers.add(layer(node));
    }
    return new ConfigLayers(layers);
  }

  /** {@code var/hub.json} → {@code var/hub.generated.json}. */
  public static Path generatedBeside(Path file) {
    String name = file.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    return file.resolveSibling(stem + ".generated.json");
  }

  private static Layer layer(Path file) {
    try {
      return new Layer(file, new JsonObject(Files.readString(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration " + file + ": " + e.getMessage(), e);
    } catch (DecodeException | ClassCastException e) {
      // One line: the parser's message may span several.
      throw new IllegalArgumentException("configuration " + file + " is not a valid JSON object: "
          + e.getMessage().replaceAll("\\s+", " "), e);
    }
  }

  /** The layers merged, each over the ones before it. */
  public JsonObject merged() {
    JsonObject merged = new JsonObject();
    layers.forEach(layer -> mergePatch(merged, layer.json()));
    return merged;
  }

  /** Applies {@code patch} to {@code target} in place as RFC 7396 says; the patch is never shared, only copied. */
  static void mergePatch(JsonObject target, JsonObject patch) {
    for (String key : patch.fieldNames()) {
      Object value = patch.getValue(key);
      if (value == null) {
        target.remove(key);
      } else if (value instanceof JsonObject object) {
        JsonObject merged = target.getValue(key) instanceof JsonObject current ? current.copy() : new JsonObject();
        mergePatch(merged, object);
        target.put(key, merged);
      } else {
        target.put(key, value instanceof JsonArray array ? array.copy() : value);
      }
    }
  }

  /** The files for an error message: {@code var/hub.json over var/hub.generated.json}. */
  public String describe() {
    return layers.reversed().stream().map(l -> l.file().toString()).collect(Collectors.joining(" over "));
  }

  /**
   * One line saying which file each setting came from, at the coarsest level one file set alone:
   * {@code config: xmpp, database from var/hub.generated.json; inference.models.ollama, federation from var/hub.json}.
   */
  public String provenance() {
    Map<Integer, List<String>> byLayer = new LinkedHashMap<>();
    JsonObject merged = merged();
    for (String key : merged.fieldNames()) {
      attribute(List.of(key), merged.getValue(key), byLayer);
    }
    return "config: " + byLayer.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> String.join(", ", e.getValue()) + " from " + layers.get(e.getKey()).file())
        .collect(Collectors.joining("; "));
  }

  private void attribute(List<String> path, Object value, Map<Integer, List<String>> byLayer) {
    Set<Integer> origins = origins(path, value);
    if (origins.size() == 1 || !(value instanceof JsonObject object)) {
      byLayer.computeIfAbsent(origins.iterator().next(), k -> new ArrayList<>()).add(String.join(".", path));
      return;
    }
    for (String key : object.fieldNames()) {
      List<String> child = new ArrayList<>(path);
      child.add(key);
      attribute(child, object.getValue(key), byLayer);
    }
  }

  /** The layers a merged value comes from: a value that is not an object came from the last layer that set it. */
  private Set<Integer> origins(List<String> path, Object value) {
    Set<Integer> origins = new TreeSet<>();
    if (value instanceof JsonObject object && !object.isEmpty()) {
      for (String key : object.fieldNames()) {
        List<String> child = new ArrayList<>(path);
        child.add(key);
        origins.addAll(origins(child, object.getValue(key)));
      }
      return origins;
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      if (lookup(layers.get(i).json(), path) != null) {
        origins.add(i);
        return origins;
      }
    }
    throw new IllegalStateException("no layer sets " + String.join(".", path));
  }

  private static Object lookup(JsonObject json, List<String> path) {
    Object value = json;
    for (String key : path) {
      if (!(value instanceof JsonObject object)) {
        return null;
      }
      value = object.getValue(key);
    }
    return value;
  }
}
