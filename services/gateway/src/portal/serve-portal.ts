import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemOf } from '../http/problem.js';

/** Where the web app lives on the gateway; its client routes are under it too (/app/patient/claims/…). */
export const PORTAL_PREFIX = '/app';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves the built web app (`vite build` → `dir`) under /app: a file that exists is sent as it is
 * (hashed assets cached for a year, everything else revalidated), any other path under /app gets
 * index.html so the app's own router shows it (or says "not found"). GET / leads to /app/.
 *
 * A few lines instead of @fastify/static: that plugin cannot be loaded by the in-process tests under jest
 * (gateway-app.ts, docsUi), and the app needs nothing more than this.
 */
export function servePortal(app: NestFastifyApplication, dir: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  const root = normalize(dir + sep);
  fastify.get('/', async (_request, reply) => reply.redirect(`${PORTAL_PREFIX}/`, 302));
  fastify.get(PORTAL_PREFIX, async (_request, reply) => reply.redirect(`${PORTAL_PREFIX}/`, 301));
  fastify.get(`${PORTAL_PREFIX}/*`, async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    const file = await existingFile(root, path);
    if (file) return send(reply, file, path.startsWith('assets/'));
    // A missing asset is a 404, not the app: a stale page asking for an old bundle must fail visibly.
    if (path.startsWith('assets/') || extname(path) !== '') return notFound(reply, 'no such file');
    const index = await existingFile(root, 'index.html');
    if (!index) return notFound(reply, 'the web app is not built: run npm run build');
    return send(reply, index, false);
  });
}

/** The file under `root` that `path` names, or undefined (also for anything that would leave `root`). */
async function existingFile(root: string, path: string): Promise<string | undefined> {
  if (path === '' || path.includes('\0')) return undefined;
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) return undefined;
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

async function send(reply: FastifyReply, file: string, immutable: boolean): Promise<FastifyReply> {
  const body = await readFile(file);
  return reply
    .header('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
    .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .send(body);
}

function notFound(reply: FastifyReply, detail: string): FastifyReply {
  return reply.code(404).header('content-type', PROBLEM_CONTENT_TYPE).send(problemOf('not-found', detail));
}
