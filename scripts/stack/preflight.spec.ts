import { createServer, type Server } from 'node:net';
import { freePort } from '#libs/testing';
import { describeProblem, preflight } from './preflight.js';

/** A TCP server on a free port that greets each client with `greeting` (a stand-in for a broker). */
async function greeter(greeting: string): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => socket.end(greeting));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, server };
}

describe('preflight', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  it('names each broker that is not there, where it looked and how to start it', async () => {
    const [pgPort, natsPort] = [await freePort(), await freePort()];
    const problems = await preflight(`postgres://postgres@127.0.0.1:${pgPort}`, `nats://127.0.0.1:${natsPort}`);
    expect(problems.map((p) => p.what)).toEqual(['PostgreSQL', 'NATS']);
    const [postgres, nats] = problems.map(describeProblem);
    expect(postgres).toContain(`127.0.0.1:${pgPort}`);
    expect(postgres).toContain('ECONNREFUSED');
    expect(postgres).toContain('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start');
    expect(nats).toContain(`127.0.0.1:${natsPort}`);
    expect(nats).toContain('nats-server -js');
  });

  it('refuses a NATS server without JetStream, and something that is not NATS', async () => {
    const plain = await greeter('INFO {"server_id":"x","jetstream":false}\r\n');
    const other = await greeter('SSH-2.0-OpenSSH_9.6\r\n');
    servers.push(plain.server, other.server);
    const natsProblem = async (port: number) =>
      (await preflight(`postgres://postgres@127.0.0.1:${await freePort()}`, `nats://127.0.0.1:${port}`)).find(
        (problem) => problem.what === 'NATS',
      );
    expect((await natsProblem(plain.port))?.cause).toBe('the server runs without JetStream');
    expect((await natsProblem(other.port))?.cause).toContain('does not speak NATS');
  });
});
