import { call, type ApiResponse } from './http.js';

/** One request of a representative sample of the API, as some caller sends it. */
export interface SampleRequest {
  name: string;
  method: string;
  path: string;
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Words that would give the infrastructure away: drivers, hosts, ports, socket errors. */
const INTERNALS = /ECONN|postgres|typeorm|\bnats\b|127\.0\.0\.1|localhost|:\d{4,5}\b|stack|at \w+ \(/i;

/**
 * What a client must see during an outage (API.md): 503 `service-unavailable` problem+json with a
 * small `Retry-After`, telling nothing of the infrastructure. Returns the deviations, empty if none,
 * so one assertion shows every endpoint that answered otherwise.
 */
export function outageDeviations(name: string, response: ApiResponse): string[] {
  const deviations: string[] = [];
  const retryAfter = Number(response.headers.get('retry-after'));
  if (response.status !== 503) deviations.push(`${name}: ${response.status} ${response.text.slice(0, 300)}`);
  else {
    if (!(retryAfter >= 1 && retryAfter <= 5))
      deviations.push(`${name}: Retry-After ${response.headers.get('retry-after')}`);
    if (!response.headers.get('content-type')?.startsWith('application/problem+json'))
      deviations.push(`${name}: content-type ${response.headers.get('content-type')}`);
    if (response.body.type !== 'urn:problem:healthclaims:service-unavailable')
      deviations.push(`${name}: type ${String(response.body.type)}`);
    if (INTERNALS.test(String(response.body.detail)))
      deviations.push(`${name}: detail ${String(response.body.detail)}`);
  }
  return deviations;
}

/** Sends every sample request and collects how their answers deviate from a proper outage answer. */
export async function outageDeviationsOf(gatewayUrl: string, requests: readonly SampleRequest[]): Promise<string[]> {
  const deviations: string[] = [];
  for (const request of requests) {
    const response = await call(request.method, `${gatewayUrl}${request.path}`, {
      token: request.token,
      body: request.body,
      headers: request.headers,
    });
    deviations.push(...outageDeviations(`${request.method} ${request.path}`, response));
  }
  return deviations;
}

/**
 * A client that retries on 503 (waiting as `Retry-After` says, shortened for the test) until it gets
 * another answer; every answer it saw is kept, so a test can show there was no 409 or 500 on the way.
 */
export async function retryingOn503(
  send: () => Promise<ApiResponse>,
  { timeoutMs = 60_000 } = {},
): Promise<{ final: ApiResponse; seen: number[] }> {
  const seen: number[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await send();
    seen.push(response.status);
    if (response.status !== 503 || Date.now() > deadline) return { final: response, seen };
    const wait = Math.min(Number(response.headers.get('retry-after')) || 1, 5) * 250;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
