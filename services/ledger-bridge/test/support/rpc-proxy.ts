import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from '#libs/testing';

/**
 * A JSON-RPC proxy in front of the test chain, to stage faults without touching the bridge's code: the
 * whole endpoint down (connections reset), or single methods failing (a broadcast that never leaves, a
 * receipt that never arrives).
 */
export class RpcProxy {
  /** Methods answered with a JSON-RPC error instead of being forwarded. */
  readonly failing = new Set<string>();
  /** When true every request is dropped, as if the node were unreachable. */
  down = false;
  readonly calls = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<RpcProxy> {
    const port = await freePort();
    const server = createServer();
    const proxy = new RpcProxy(server, `http://127.0.0.1:${port}`);
    server.on(
      'request',
      (request: IncomingMessage, response: ServerResponse) => void proxy.handle(target, request, response),
    );
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return proxy;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(target: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    if (this.down) {
      request.socket.destroy();
      return;
    }
    const parsed = JSON.parse(body) as { id: unknown; method: string } | { id: unknown; method: string }[];
    const calls = Array.isArray(parsed) ? parsed : [parsed];
    for (const call of calls) this.calls.set(call.method, (this.calls.get(call.method) ?? 0) + 1);
    const blocked = calls.find((call) => this.failing.has(call.method));
    if (blocked && !Array.isArray(parsed)) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ jsonrpc: '2.0', id: blocked.id, error: { code: -32000, message: 'test fault' } }));
      return;
    }
    try {
      const upstream = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      response.writeHead(upstream.status, { 'content-type': 'application/json' });
      response.end(await upstream.text());
    } catch {
      request.socket.destroy();
    }
  }
}
