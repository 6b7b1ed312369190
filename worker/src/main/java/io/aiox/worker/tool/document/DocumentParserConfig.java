package io.aiox.worker.tool.document;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.net.AddressRange;
import io.aiox.policy.tool.net.OperatorEndpoint;
import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the hub runs {@code document_parser} (section {@code tools.document_parser} of its configuration). The bytes
 * fetched and the time taken are the agent's policy's ({@code max_response_bytes}, {@code timeout_seconds}); these
 * are the operator's limits on what comes back, and the upload services it trusts.
 *
 * @param uploadServices the hub's own HTTP File Upload services whose files agents may read whatever their allowed
 *     domains say
 * @param maxCharacters the most characters of text a call returns
 * @param maxPages the most pages (PDF pages, slides, sheets) a call reads
 */
public record DocumentParserConfig(List<UploadService> uploadServices, int maxCharacters, int maxPages) {
  public static final int DEFAULT_MAX_CHARACTERS = 100_000;
  public static final int DEFAULT_MAX_PAGES = 200;
  public static final DocumentParserConfig DEFAULTS = new DocumentParserConfig(List.of(), DEFAULT_MAX_CHARACTERS,
      DEFAULT_MAX_PAGES);
  private static final Set<String> KEYS = Set.of("upload_services", "upload_allowed_addresses", "max_characters",
      "max_pages");

  public DocumentParserConfig {
    uploadServices = List.copyOf(uploadServices);
  }

  public static DocumentParserConfig fromJson(JsonObject json) {
    ConfigSection section = ConfigSection.of("tools." + ToolCatalog.DOCUMENT_PARSER, json, KEYS);
    List<AddressRange> addresses;
    try {
      addresses = section.strings("upload_allowed_addresses").stream().map(AddressRange::parse).toList();
    } catch (IllegalArgumentException e) {
      throw section.bad("upload_allowed_addresses", e.getMessage());
    }
    List<UploadService> services = section.strings("upload_services").stream().map(url -> {
      try {
        return UploadService.parse(url, addresses);
      } catch (IllegalArgumentException e) {
        throw section.bad("upload_services", e.getMessage());
      }
    }).toList();
    return new DocumentParserConfig(services, section.integer("max_characters", DEFAULT_MAX_CHARACTERS, 1_000,
        1_000_000), section.integer("max_pages", DEFAULT_MAX_PAGES, 1, 10_000));
  }

  /** The network rule of the trusted upload service this URL is a file on, if any; memory shares the rule. */
  public Optional<OperatorEndpoint> uploadEndpoint(URI document) {
    return uploadService(document).map(UploadService::endpoint);
  }

  /** The trusted upload service this URL is a file on, if any. */
  Optional<UploadService> uploadService(URI document) {
    return uploadServices.stream().filter(s -> s.covers(document)).findFirst();
  }
}
