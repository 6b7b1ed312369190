package io.aiox.worker.tool;

import java.util.List;
import java.util.Optional;

/**
 * Tools the catalog does not list, learnt while the hub runs (an MCP server's tools). Their definitions, schemas and
 * default policies come from their source; {@link ToolCalls} governs their calls exactly like the catalog's.
 */
public interface DynamicTools {
  /** No tools beyond the catalog. */
  DynamicTools NONE = new DynamicTools() {
    @Override
    public Optional<Tool> tool(String name) {
      return Optional.empty();
    }

    @Override
    public List<Tool> tools() {
      return List.of();
    }
  };

  /**
   * The tool of this name. A tool whose source is down may still be returned, so that its {@link Tool#unavailable}
   * tells a caller why it cannot run rather than that it does not exist.
   */
  Optional<Tool> tool(String name);

  /** The tools that can run now. */
  List<Tool> tools();
}
