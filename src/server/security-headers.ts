import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The security headers of every response, by helmet, with a strict Content Security Policy for the
 * page: scripts, styles and connections from this origin only, no inline scripts or styles, no
 * plugins, no framing by other sites. The one exception the widget needs is
 * {@link allowCrossOriginEmbedding}, on `/widget.js` alone (and a cross-origin resource policy on `/healthz`, for the widget's CORS probe).
 */

/** The page's Content Security Policy, directive by directive (helmet's names). */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
} as const;

/** Helmet's default `Strict-Transport-Security` value (one year, subdomains included). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Helmet with the page's CSP. Helmet's defaults stay (`Cross-Origin-Resource-Policy: same-origin`,
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, …) except
 * `upgrade-insecure-requests`, left out because the server speaks plain HTTP by default (loopback,
 * or a LAN address where that directive would send the page's own requests to an https:// that
 * does not exist). `Strict-Transport-Security` is sent only on requests that came over TLS
 * (`req.secure`: the socket's own TLS, or `X-Forwarded-Proto: https` from a proxy that
 * `TRUST_PROXY_HOPS` trusts); browsers ignore it over plain HTTP (RFC 6797, section 8.1), where it
 * only tells a reader the server is confused about its scheme.
 */
export function securityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(Object.entries(CONTENT_SECURITY_POLICY).map(([name, values]) => [name, [...values]])),
    },
    strictTransportSecurity: false,
  });
  return (req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    headers(req, res, next);
  };
}

/**
 * Lets pages of any origin load this response with `<script src>`: helmet's
 * `Cross-Origin-Resource-Policy: same-origin` would make browsers refuse it. For `/widget.js` only;
 * `Access-Control-Allow-Origin: *` too, so a host page may add `crossorigin` (and integrity) to the tag.
 */
export function allowCrossOriginEmbedding(res: Response): void {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Access-Control-Allow-Origin', '*');
}
