/**
 * Real servers for tests: ejabberd, Prosody, PostgreSQL with pgvector, Redis and an SMTP server (aiosmtpd), each
 * started once per test JVM from the project's own run scripts ({@code ejabberd/}, {@code scripts/servers/}) on
 * free loopback ports in a temporary folder. Readiness is a port probe; a port that already answers is refused so
 * that a stale server can never pass for the new one. Logs are kept when a test failed.
 */
package io.aiox.testkit;
