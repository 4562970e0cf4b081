import { payloadKey, type PlannedClaim } from './claim-mix.js';
import type { SubmissionRecord } from '../verify/observations.js';
import type { HttpTally } from './http-tally.js';
import {
  isAccepted,
  isRetryable,
  outcomeLabel,
  parseRetryAfter,
  retryDelayMs,
  type AttemptOutcome,
} from './retry-policy.js';

export interface ClaimClientOptions {
  /**
   * The gateways' base URLs. Attempts go round them, each claim starting at its own (attempt n of claim i
   * to `gatewayUrls[(i + n - 1) % length]`), as a load balancer spreads requests: a retry after a dead
   * gateway lands on another one, with the same key.
   */
  gatewayUrls: string[];
  /** A clinic token per provider id: each claim is sent by its own clinic. */
  tokenOf: (providerId: string) => string;
  tally: HttpTally;
  /** Milliseconds since the campaign started. */
  clock: () => number;
  /** A claim still not accepted after this long is given up (and the campaign fails). */
  giveUpMs: number;
  /** Longer than the gateway's own RPC timeout (5 s), so a timeout here means the gateway hung. */
  attemptTimeoutMs: number;
  signal: AbortSignal;
}

/**
 * POSTs one claim until it is accepted, retrying with the same Idempotency-Key on every outcome API.md
 * says to retry, and returns what happened to it.
 */
export async function submitClaim(claim: PlannedClaim, options: ClaimClientOptions): Promise<SubmissionRecord> {
  const record: SubmissionRecord = {
    index: claim.index,
    key: claim.key,
    payloadKey: payloadKey(claim.body),
    expected: claim.expected,
    expectedPlanPays: claim.expectedPlanPays,
    acceptedIds: [],
    attempts: 0,
  };
  const started = Date.now();
  for (;;) {
    record.attempts += 1;
    const gatewayUrl = options.gatewayUrls[(claim.index + record.attempts - 1) % options.gatewayUrls.length];
    const { outcome, id, detail, requestId, replayed } = await attempt(claim, gatewayUrl, options);
    options.tally.record(outcome, record.attempts, {
      key: claim.key,
      atMs: options.clock(),
      replayed,
      ...(detail ? { detail } : {}),
      ...(requestId ? { requestId } : {}),
    });
    if (isAccepted(outcome) && id) {
      record.acceptedIds.push(id);
      record.acceptedBy = gatewayUrl;
      return record;
    }
    if (!isRetryable(outcome)) {
      record.gaveUp = `answered ${outcomeLabel(outcome)}${detail ? `: ${detail}` : ''}`;
      return record;
    }
    if (Date.now() - started > options.giveUpMs) {
      record.gaveUp = `still ${outcomeLabel(outcome)} after ${Math.round(options.giveUpMs / 1000)} s of retries`;
      return record;
    }
    if (options.signal.aborted) {
      record.gaveUp = 'interrupted';
      return record;
    }
    const retryAfter = outcome.kind === 'answer' ? outcome.retryAfterSeconds : undefined;
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs(record.attempts, retryAfter, Math.random())));
  }
}

interface Attempt {
  outcome: AttemptOutcome;
  id?: string;
  detail?: string;
  requestId?: string;
  replayed: boolean;
}

async function attempt(claim: PlannedClaim, gatewayUrl: string, options: ClaimClientOptions): Promise<Attempt> {
  try {
    const response = await fetch(`${gatewayUrl}/v1/claims`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.tokenOf(claim.body.providerId)}`,
        'content-type': 'application/json',
        'idempotency-key': claim.key,
      },
      body: JSON.stringify(claim.body),
      signal: AbortSignal.timeout(options.attemptTimeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as {
      id?: string;
      type?: string;
      detail?: string;
      requestId?: string;
    };
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    return {
      outcome: {
        kind: 'answer',
        status: response.status,
        ...(body.type ? { problemType: body.type } : {}),
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      },
      ...(body.id ? { id: body.id } : {}),
      ...(body.detail ? { detail: body.detail } : {}),
      requestId: body.requestId ?? response.headers.get('x-request-id') ?? undefined,
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return { outcome: { kind: 'timeout' }, replayed: false };
    }
    return { outcome: { kind: 'connection-error', message: describeNetworkError(error) }, replayed: false };
  }
}

/** fetch says "fetch failed"; the cause (ECONNREFUSED, ECONNRESET, …) is what tells outages apart. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
