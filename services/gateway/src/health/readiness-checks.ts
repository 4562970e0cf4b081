import type { ClientProxy } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { providerReadiness, readinessCheck, type ReadinessCheck } from '#libs/observability';
import { RPC_CLIENT } from '../rpc/service-rpc.js';

/**
 * What `/health/ready` waits for besides the gateway's own database (checked by OpsModule): the
 * NATS connection its request/reply calls use (a PING/PONG round trip), and, when
 * `UPSTREAM_READY_URLS` lists them, the readiness of the services behind it (API.md, Operations).
 */
export function gatewayReadinessChecks(upstreamReadyUrls: readonly string[]): ReadinessCheck[] {
  return [
    providerReadiness('nats', RPC_CLIENT, async (client: ClientProxy) => {
      await client.unwrap<NatsConnection>().flush();
    }),
    ...upstreamReadyUrls.map((url) =>
      readinessCheck(`upstream ${new URL(url).host}`, async () => {
        const response = await fetch(url, { signal: AbortSignal.timeout(1500) });
        return response.ok;
      }),
    ),
  ];
}
