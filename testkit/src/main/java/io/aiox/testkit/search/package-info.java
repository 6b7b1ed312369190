/**
 * A fixture search engine for tests: {@link io.aiox.testkit.search.SearxngFixture} answers SearXNG's JSON search
 * API from a few indexed fixture documents, on a free loopback port.
 */
package io.aiox.testkit.search;
