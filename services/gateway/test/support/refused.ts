import type { GatewayHarness } from './gateway-harness.js';
import { PROBLEM_JSON, type TestResponse } from './http-client.js';

/** A flag id that is a well-formed UUID; the stand-in services know no flag. */
export const FLAG_ID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

export type FieldErrors = { field: string; message: string }[];

/**
 * Asserts that the gateway refused the request itself: the status, a problem+json of `type` carrying the
 * request id of its x-request-id header, and no call to any service. Answers the fields it named.
 */
export function refusedAtTheGateway(
  gateway: GatewayHarness,
  response: TestResponse,
  status = 400,
  type = 'validation',
): FieldErrors {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
  expect(response.body).toMatchObject({ type: `urn:problem:healthclaims:${type}`, status });
  expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
  expect(gateway.standIn.calls).toHaveLength(0);
  return (response.body.errors ?? []) as FieldErrors;
}
