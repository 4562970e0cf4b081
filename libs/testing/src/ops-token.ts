/**
 * The ops token of test services (in-process beds, API stacks, the gateway harness): the header
 * below opens their `/metrics` and the detail of `/health/ready` (docs/decisions/0011-ops-endpoints.md).
 */
export const TEST_OPS_TOKEN = 'test-ops-token-not-a-secret-0123456789';

export const OPS_AUTHORIZATION: Readonly<Record<string, string>> = { authorization: `Bearer ${TEST_OPS_TOKEN}` };
