/**
 * A trace collector for tests: an OTLP/HTTP receiver ({@code POST /v1/traces}, protobuf, as in the OTLP
 * specification's HTTP transport) on 127.0.0.1 that keeps every span it is sent, so a test can check the trace the
 * hub exported over a real connection, decoded with the protocol's own generated classes.
 */
package io.aiox.testkit.otlp;
