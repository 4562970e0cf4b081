import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/** A bus namespace of its own for one test file, so tests pass while a local stack runs. */
export function testNamespace(label = 't'): string {
  return `${label}${randomBytes(4).toString('hex')}`.toLowerCase();
}

/**
 * A database URL of its own for one test file on the shared PostgreSQL (or on `base`, a server of the
 * test's own); drop it afterwards.
 */
export function testDatabaseUrl(
  service: string,
  namespace: string,
  base = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432',
): string {
  return `${base}/hct_${namespace}_${service.replace(/-/g, '_')}`;
}

export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
