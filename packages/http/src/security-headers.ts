export interface SecurityHeaderOptions {
  production: boolean;
  connectSrc?: string[];
  /** Origins a form may post to or be redirected to (an OAuth authorize endpoint the app sends people to). */
  formAction?: string[];
}

/**
 * The security headers every response carries, computed once at boot. They never vary per
 * request, so a static object beats a middleware that rebuilds them on every response (helmet
 * did that and cost ~7% of the portal's CPU under load). The set follows helmet's defaults, made
 * stricter: CSP without 'unsafe-inline', framing denied, HSTS only where TLS really terminates.
 */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...(options.connectSrc ?? [])].join(' ')}`,
    `form-action ${["'self'", ...(options.formAction ?? [])].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` even on a page's
    // own form posts, which would defeat the Origin check that guards every form against CSRF.
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };
  if (options.production) headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}
