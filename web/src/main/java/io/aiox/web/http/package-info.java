/** The console's HTTP edge: problem documents, security headers, the server that mounts every group of routes. */
package io.aiox.web.http;
