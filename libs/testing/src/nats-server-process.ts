import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { killOnExit } from './service-process.js';
import { waitFor } from './wait.js';

const NATS_SERVER = process.env.TEST_NATS_SERVER_BIN ?? 'nats-server';

/** One nats-server process that can be killed as a crash would and started again with the same arguments. */
export interface NatsServerProcess {
  /** Starts it (a no-op while it runs) and waits until its client port accepts connections. */
  start: () => Promise<void>;
  /** kill -9, then waits for the exit. */
  kill: () => Promise<void>;
  isRunning: () => boolean;
}

export function natsServerProcess(port: number, args: string[]): NatsServerProcess {
  let server: ChildProcess | undefined;
  const isRunning = () => server !== undefined && server.exitCode === null && server.signalCode === null;
  return {
    isRunning,
    start: async () => {
      if (isRunning()) return;
      const child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port), ...args], { stdio: 'ignore' });
      killOnExit(child);
      server = child;
      await waitFor(() => child.exitCode === null && accepts(port), {
        timeoutMs: 15_000,
        what: `nats-server on port ${port}`,
      });
    },
    kill: async () => {
      const child = server;
      server = undefined;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
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
