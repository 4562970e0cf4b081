import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';

/** The API answers JSON only: nothing in it may load, frame, or submit anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI at /docs loads its own scripts, styles and the OpenAPI document from this origin; it
 * needs inline styles (its page has a <style> block and the UI sets style attributes) and data:
 * images (its icons), but no inline script and nothing from another origin.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The web app under /app: its own scripts and styles only (no inline script or style, no eval), its
 * images and fonts, requests to this origin (the API) and to the sign-in issuer (`connectTo`: discovery
 * and the code exchange of OpenID Connect), and nothing may frame it, change its base or post a form away.
 */
export function portalCsp(connectTo: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ['connect-src', "'self'", ...connectTo].join(' '),
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Headers on every response (helmet: nosniff, `X-Frame-Options: DENY`, `Referrer-Policy:
 * no-referrer`, HSTS when configured), a Content-Security-Policy chosen by path, and
 * `Cache-Control: no-store` on the API and on every problem, which may carry personal data. Reference data
 * (`/v1/reference/`) carries none and keeps the caching its controller sets.
 */
export async function useSecurityHeaders(
  app: NestFastifyApplication,
  { hstsMaxAgeSeconds }: { hstsMaxAgeSeconds: number },
  { portalConnectTo = [] }: { portalConnectTo?: string[] } = {},
): Promise<void> {
  const portal = portalCsp(portalConnectTo);
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: hstsMaxAgeSeconds > 0 ? { maxAge: hstsMaxAgeSeconds, includeSubDomains: true } : false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    const csp = isDocsPath(request.url) ? DOCS_CSP : isPortalPath(request.url) ? portal : API_CSP;
    reply.header('content-security-policy', csp);
  });
  fastify.addHook('onSend', async (request, reply) => {
    const contentType = String(reply.getHeader('content-type') ?? '');
    const cacheable = isReferencePath(request.url) && reply.statusCode < 400;
    if ((request.url.startsWith('/v1/') && !cacheable) || contentType.startsWith(PROBLEM_CONTENT_TYPE)) {
      reply.header('cache-control', 'no-store');
    }
  });
}

function isReferencePath(url: string): boolean {
  return url.startsWith('/v1/reference/');
}

function isPortalPath(url: string): boolean {
  return url === '/app' || url.startsWith('/app/') || url.startsWith('/app?');
}

function isDocsPath(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
}
