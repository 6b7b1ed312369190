package io.aiox.worker.memory;

import io.aiox.policy.tool.net.OperatorEndpoint;
import java.net.URI;
import java.util.Optional;

/**
 * The operator's rule for files on the hub's own XEP-0363 upload services: a document URL on one of them is fetched
 * under the operator's rule for that service, not the agent's allowed domains. The rule itself is the
 * {@code document_parser} tool's ({@code tools.document_parser.upload_services}), so a file an owner sends is
 * trusted alike whether the model reads it or memory takes it in.
 */
@FunctionalInterface
public interface TrustedUploads {
  /** No upload service is trusted: every document is the agent's network rule's to judge. */
  TrustedUploads NONE = document -> Optional.empty();

  /** The network rule of the trusted upload service {@code document} is a file on, if any. */
  Optional<OperatorEndpoint> endpoint(URI document);
}
