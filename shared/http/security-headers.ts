// The security headers, defined once: of the pages (the local gateway's static files, CloudFront's response
// headers policy on AWS) and of every API answer (shared/http/response.ts and problem.ts, the gateway's own).

/** Every API answer, errors included: never sniffed into another type, never cached (it may hold a case). */
export const apiHeaders: Readonly<Record<string, string>> = { "x-content-type-options": "nosniff", "cache-control": "no-store" };

/**
 * The pages' Content-Security-Policy. No inline script or style, nothing from elsewhere but the staff pool's
 * sign-in endpoint (`connectSources`: Cognito's on AWS, cognito-local here), no framing, forms post to this origin.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectSources].join(" ")}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** The pages' other security headers, as values (CloudFront's policy takes most of them as typed settings). */
export const pageHeaderValues = {
  referrerPolicy: "no-referrer",
  contentTypeOptions: "nosniff",
  /** The legacy twin of `frame-ancestors 'none'`, for browsers that read only this. */
  frameOptions: "DENY",
  /** No page needs a camera, a microphone, a position or a payment: a denouncer's browser offers none of them. */
  permissionsPolicy: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()",
  crossOriginOpenerPolicy: "same-origin",
  /** HSTS, on AWS only (the site is HTTPS there; the local runtime is plain HTTP on 127.0.0.1). Two years. */
  strictTransportSecuritySeconds: 63_072_000,
} as const;

/** The page headers as the local gateway writes them (no HSTS: it serves plain HTTP). */
export function pageHeaders(connectSources: readonly string[] = []): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(connectSources),
    "referrer-policy": pageHeaderValues.referrerPolicy,
    "x-content-type-options": pageHeaderValues.contentTypeOptions,
    "x-frame-options": pageHeaderValues.frameOptions,
    "permissions-policy": pageHeaderValues.permissionsPolicy,
    "cross-origin-opener-policy": pageHeaderValues.crossOriginOpenerPolicy,
  };
}
