import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './isolation.js';
import { natsServerProcess } from './nats-server-process.js';

/**
 * A NATS server with JetStream of a test's own, on a free port, for tests that take the bus away
 * (the shared one on 4222 must never be stopped). `stop()` kills it as a crash would; `start()`
 * brings it back on the same port with the same JetStream store.
 */
export interface PrivateNats {
  port: number;
  url: string;
  /** Its JetStream store. */
  dir: string;
  stop: () => Promise<void>;
  /** Starts it again (a no-op while it runs). */
  start: () => Promise<void>;
  /** Stops the server and removes its store. */
  destroy: () => Promise<void>;
}

export async function startPrivateNats(): Promise<PrivateNats> {
  const dir = mkdtempSync(join(tmpdir(), 'hc-nats-'));
  const port = await freePort();
  const server = natsServerProcess(port, ['-js', '-sd', dir]);
  try {
    await server.start();
  } catch (error) {
    await server.kill();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    dir,
    stop: server.kill,
    start: server.start,
    destroy: async () => {
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
