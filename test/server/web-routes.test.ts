import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSize, WEB_DIST_DIR, WIDGET_GZIP_BUDGET_BYTES } from '../../scripts/build-web.js';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { loadTestServices } from '../support/test-index.js';

const ALLOWED = 'https://news.example.com';
const STRANGER = 'https://evil.example';

let services: AppServices;
let app: Express;
beforeAll(async () => {
  services = await loadTestServices();
  app = createApp({ services, corsOrigins: [ALLOWED] });
});

/** The CSP as a map of directive → sources. */
function csp(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/u))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('GET / (the chat page)', () => {
  it('serves the page with a strict Content Security Policy: scripts, styles and connections from itself only', async () => {
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/iu);
    const policy = csp(res.headers['content-security-policy']);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('script-src-attr')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/u);
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('has no inline script or style for the CSP to forbid', async () => {
    const html = (await request(app).get('/')).text;
    expect(html).toContain('<script type="module" src="/page.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/u);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/u);
  });

  it.each([
    ['/page.js', /javascript/u],
    ['/page.css', /text\/css/u],
    ['/favicon.svg', /image\/svg\+xml/u],
    ['/index.html', /text\/html/u],
  ])('serves %s', async (path, type) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(type);
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('says how to build the page when dist/web is missing', async () => {
    const bare = createApp({ services, webDir: resolve(WEB_DIST_DIR, 'no-such-dir') });
    const res = await request(bare).get('/');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'index.html is not built; run npm run build:web' } });
  });
});

describe('GET /widget.js', () => {
  it('may be loaded by pages of any origin: Cross-Origin-Resource-Policy cross-origin, cached for five minutes', async () => {
    const res = await request(app).get('/widget.js').set('Origin', STRANGER);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript; charset=utf-8/u);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it(`is one file within ${WIDGET_GZIP_BUDGET_BYTES / 1024} KB gzipped`, async () => {
    const bytes = await readFile(resolve(WEB_DIST_DIR, 'widget.js'));
    expect(gzipSize(bytes)).toBeLessThanOrEqual(WIDGET_GZIP_BUDGET_BYTES);
    expect(bytes.toString('utf8')).not.toMatch(/^import |\bimport\(/mu);
  });
});

describe('CORS on /api and /v1', () => {
  it('lets a configured origin read responses, and says which headers it may see', async () => {
    const res = await request(app).get('/api/speakers').set('Origin', ALLOWED);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toMatch(/\bOrigin\b/u);
  });

  it('answers a configured origin’s preflight with 204 and what it may send', async () => {
    const res = await request(app)
      .options('/api/chat')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toBe('content-type');
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(res.headers.vary).toMatch(/\bOrigin\b/u);
  });

  it('allows the headers the OpenAI client sends on /v1', async () => {
    const res = await request(app)
      .options('/v1/chat/completions')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-stainless-os');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-headers']).toBe('authorization,content-type,x-stainless-os');
  });

  it('keeps the header on errors, so the page can read why', async () => {
    const res = await request(app).post('/api/chat').set('Origin', ALLOWED).send({ messages: [] });
    expect(res.status).toBe(400);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
  });

  it('gives a disallowed origin no Access-Control-Allow-Origin, so its page cannot read the response', async () => {
    const res = await request(app).get('/api/speakers').set('Origin', STRANGER);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers.vary).toMatch(/\bOrigin\b/u);
  });

  it('refuses a disallowed origin’s preflight with 403 in the contract’s error shape', async () => {
    const res = await request(app).options('/api/chat').set('Origin', STRANGER).set('Access-Control-Request-Method', 'POST');
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.body).toEqual({
      error: { code: 'invalid_request', message: `origin ${STRANGER} is not allowed; add it to CORS_ORIGINS` },
    });
  });

  it('refuses it on /v1 in OpenAI’s error shape', async () => {
    const res = await request(app).options('/v1/chat/completions').set('Origin', STRANGER).set('Access-Control-Request-Method', 'POST');
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', type: 'invalid_request_error' });
  });

  it('allows no origin at all by default, and every origin only with "*"', async () => {
    const closed = createApp({ services });
    const refused = await request(closed).options('/api/chat').set('Origin', ALLOWED).set('Access-Control-Request-Method', 'POST');
    expect(refused.status).toBe(403);
    const open = createApp({ services, corsOrigins: '*' });
    const res = await request(open).get('/api/speakers').set('Origin', STRANGER);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('leaves same-origin and non-browser requests alone', async () => {
    const res = await request(app).get('/api/speakers');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('does not open the page or the health check to other origins', async () => {
    for (const path of ['/', '/healthz']) {
      const res = await request(app).get(path).set('Origin', ALLOWED);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});
