import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './isolation.js';
import { killOnExit } from './service-process.js';
import { waitFor } from './wait.js';

const NATS_SERVER = process.env.TEST_NATS_SERVER_BIN ?? 'nats-server';

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
  let server: ChildProcess | undefined;
  const start = async () => {
    if (server && server.exitCode === null && server.signalCode === null) return;
    const child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
    killOnExit(child);
    server = child;
    await waitFor(() => child.exitCode === null && accepts(port), {
      timeoutMs: 15_000,
      what: `nats-server on port ${port}`,
    });
  };
  const stop = async () => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };
  try {
    await start();
  } catch (error) {
    await stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    dir,
    stop,
    start,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
