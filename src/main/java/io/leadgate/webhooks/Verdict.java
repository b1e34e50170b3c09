package io.leadgate.webhooks;

/**
 * What one attempt's answer means for the delivery (Standard Webhooks, "Delivery success and failure"): {@code 2xx}
 * delivered; {@code 5xx}, {@code 408}, {@code 429}, time-outs and connection errors worth retrying; {@code 410} the
 * receiver wants nothing more (the endpoint is disabled); any other {@code 4xx} fails at once; {@code 3xx} is a
 * failure too (redirects are not followed), retried in case the receiver is being moved.
 */
public enum Verdict {
  DELIVERED,
  RETRY,
  FAIL_FAST,
  GONE;

  /** @param status the HTTP status, or 0 when there was no answer (time-out, refused, reset, SSRF refusal) */
  public static Verdict of(int status) {
    if (status >= 200 && status < 300) {
      return DELIVERED;
    }
    if (status == 410) {
      return GONE;
    }
    if (status == 0 || status == 408 || status == 429 || status >= 500 || (status >= 300 && status < 400)) {
      return RETRY;
    }
    return FAIL_FAST;
  }

  /** Whether the answer says the receiver is unwell (counts towards opening its circuit). */
  public static boolean unhealthy(int status) {
    return status == 0 || status == 429 || status >= 500;
  }
}
