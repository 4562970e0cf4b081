import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '#libs/testing';

/** A NATS server (JetStream) of the campaign's own, killed and restarted on the same store. */
export interface NatsServer {
  port: number;
  url: string;
  storeDir: string;
  logFile: string;
  /** kill -9, as a crash: whatever JetStream had not written is lost, as it would be. */
  kill: () => Promise<void>;
  /** Starts it again on the same port and store, once it accepts connections. */
  start: () => Promise<void>;
  /** Synchronous last resort from an exit hook. */
  killNow: () => void;
}

export async function startNatsServer(dir: string, port: number, binary = 'nats-server'): Promise<NatsServer> {
  const storeDir = join(dir, 'store');
  const logFile = join(dir, 'nats.log');
  mkdirSync(storeDir, { recursive: true });
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    // Its own process group: a Ctrl-C in the terminal reaches the campaign, which stops it in order.
    const started = spawn(binary, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir, '-l', logFile], {
      stdio: 'ignore',
      detached: true,
    });
    child = started;
    let failure: Error | undefined;
    exited = new Promise((resolve) => {
      started.once('exit', () => resolve());
      started.once('error', (error) => {
        failure = new Error(`${binary} did not start: ${error.message}`);
        resolve();
      });
    });
    await waitFor(
      async () => {
        if (failure) throw failure;
        if (started.exitCode !== null) throw new Error(`${binary} exited with ${started.exitCode}; see ${logFile}`);
        return acceptsConnections(port);
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `NATS on 127.0.0.1:${port}` },
    );
  };
  await start();
  const killNow = () => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    storeDir,
    logFile,
    kill: async () => {
      killNow();
      await exited;
    },
    start,
    killNow,
  };
}

export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
