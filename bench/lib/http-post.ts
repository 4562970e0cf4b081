import { Agent, request } from 'node:http';

export interface PostResult {
  status: number;
  body: string;
}

/**
 * JSON POSTs over kept-alive connections with node:http: the load generator shares the cores with
 * what it measures, and node:http costs it less CPU per request than fetch, so less is taken from
 * the services under test.
 */
export function jsonPoster(baseUrl: string, headers: Record<string, string>, maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const url = new URL(baseUrl);
  const post = (path: string, body: unknown): Promise<PostResult> =>
    new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      const outgoing = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  return { post, close: () => agent.destroy() };
}
