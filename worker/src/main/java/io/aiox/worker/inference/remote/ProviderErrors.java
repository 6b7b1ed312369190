package io.aiox.worker.inference.remote;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import io.aiox.worker.inference.EngineFailure;
import io.aiox.worker.inference.EngineFailure.Kind;
import java.io.IOException;
import java.net.http.HttpTimeoutException;

/**
 * Sorts a provider's failure. Retriable, so the agent's next model tries: timeouts, 429, 5xx, a model the server has
 * not loaded (404 on the model), a connection that fails. Final: a bad request or refused credentials, which the next
 * provider would not fix and which the operator must see.
 */
final class ProviderErrors {
  private ProviderErrors() {}

  static EngineFailure classify(String model, String provider, Throwable error) {
    Throwable e = root(error);
    String what = "model " + model + " at " + provider + ": ";
    if (e instanceof EngineFailure f) {
      return f;
    }
    if (e instanceof AuthenticationException) {
      return new EngineFailure(Kind.REJECTED, what + "the provider refused the credentials (" + brief(e) + ")", e);
    }
    if (e instanceof ModelNotFoundException) {
      return new EngineFailure(Kind.UNAVAILABLE, what + "the provider does not have the model loaded", e);
    }
    if (e instanceof RateLimitException) {
      return new EngineFailure(Kind.BUSY, what + "rate limited by the provider (429)", e);
    }
    if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
      return new EngineFailure(Kind.TIMEOUT, what + "the provider did not answer in time", e);
    }
    if (e instanceof InvalidRequestException) {
      return new EngineFailure(Kind.REJECTED, what + "the provider refused the request (" + brief(e) + ")", e);
    }
    if (e instanceof HttpException h) {
      return byStatus(what, h.statusCode(), e);
    }
    if (e instanceof IOException) {
      return new EngineFailure(Kind.UNAVAILABLE, what + "cannot reach the provider (" + brief(e) + ")", e);
    }
    return new EngineFailure(Kind.UNAVAILABLE, what + "the provider failed (" + brief(e) + ")", e);
  }

  private static EngineFailure byStatus(String what, int status, Throwable e) {
    if (status == 401 || status == 403) {
      return new EngineFailure(Kind.REJECTED, what + "the provider refused the credentials (" + status + ")", e);
    }
    if (status == 404) {
      return new EngineFailure(Kind.UNAVAILABLE, what + "the provider does not have the model loaded (404)", e);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new EngineFailure(status == 429 ? Kind.BUSY : Kind.UNAVAILABLE,
          what + "the provider answered " + status + " (" + brief(e) + ")", e);
    }
    return new EngineFailure(Kind.REJECTED, what + "the provider refused the request (" + status + ": "
        + brief(e) + ")", e);
  }

  /** The innermost cause that says something: LangChain4j wraps transport errors in RuntimeExceptions. */
  private static Throwable root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && !(t instanceof dev.langchain4j.exception.LangChain4jException)) {
      t = t.getCause();
    }
    return t;
  }

  private static String brief(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("\\s+", " ");
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }
}
