import { ConfigError } from './env.js';

type Env = Record<string, string | undefined>;

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/**
 * `NATS_URL`: one server, or the servers of a cluster separated by commas (NATS's own convention, e.g.
 * `nats://nats-0:4222,nats://nats-1:4222,nats://nats-2:4222`). With several, a process starts while any
 * one answers and fails over to the others when its server dies. Each entry must be a nats: or tls: URL.
 */
export function readNatsUrl(env: Env): string {
  const name = 'NATS_URL';
  const value = env[name] || DEFAULT_NATS_URL;
  const servers = natsServers(value);
  if (servers.length === 0) throw new ConfigError(name, 'is required but not set');
  for (const server of servers) {
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      throw new ConfigError(name, `must be a URL or a comma-separated list of URLs, got "${server}"`);
    }
    if (url.protocol !== 'nats:' && url.protocol !== 'tls:') {
      throw new ConfigError(name, `must use nats: or tls:, got "${url.protocol}" in "${server}"`);
    }
  }
  return servers.join(',');
}

/** The servers of a `NATS_URL` value, as the NATS clients take them. */
export function natsServers(natsUrl: string): string[] {
  return natsUrl
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '');
}
