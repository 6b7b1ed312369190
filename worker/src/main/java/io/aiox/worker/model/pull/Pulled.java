package io.aiox.worker.model.pull;

import java.nio.file.Path;

/** A verified model file: where it is, its size and SHA-256, and who vouched for that checksum. */
public record Pulled(String name, Path file, long bytes, String sha256, PullSpec.ChecksumSource checksumSource,
                     long resumedFrom, boolean alreadyPresent) {}
