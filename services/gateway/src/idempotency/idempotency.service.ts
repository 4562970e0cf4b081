import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Principal } from '#libs/contracts';
import { isDatabaseInfrastructureFailure } from '#libs/persistence';
import { PhiCipher } from '#libs/phi';
import { DataSource } from 'typeorm';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import type { Problem } from '../http/problem.js';
import { ProblemException } from '../http/problem.exception.js';
import { IDEMPOTENCY_KEY_PATTERN, idempotencyScope, requestFingerprint } from './idempotency-fingerprint.js';
import { IdempotencyStore } from './idempotency.store.js';
import { UnsettledKeys, type Settlement } from './unsettled-keys.js';

export interface IdempotentRequest {
  key: string;
  principal: Principal;
  method: string;
  path: string;
  /** The body as the caller sent it (parsed JSON), before any transformation. */
  body: unknown;
}

export interface IdempotentOutcome<T> {
  value: T;
  replayed: boolean;
}

const SWEEP_INTERVAL_MS = 15 * 60 * 1000;
const SETTLE_RETRY_MS = 1000;
const MAX_UNSETTLED = 10_000;

/**
 * Idempotency-Key (API.md, Conventions). The first request with a key runs and its answer is kept
 * (success or a 4xx problem); the same key with the same request replays that answer; with another
 * request it is a 409; while the first is still running, a second one is a 409 too (with
 * Retry-After), rather than waiting and holding a connection. A 5xx or a timeout keeps nothing, so
 * the caller can retry with the same key.
 *
 * While the database is unavailable nothing is half done: a request that cannot reserve its key
 * answers 503 without running; one whose key cannot be settled afterwards (completed or released)
 * has it settled as soon as the database is back (`UnsettledKeys`), at the latest when the caller
 * retries. The claims service stores one claim per submission key besides, so even a key that stays
 * in flight (a gateway that died) and goes stale, runs again into the claim stored the first time.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyService.name);
  private readonly store: IdempotencyStore;
  private readonly unsettled: UnsettledKeys;
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(PhiCipher) cipher: PhiCipher,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.store = new IdempotencyStore(dataSource, cipher, {
      ttlHours: config.idempotencyTtlHours,
      staleAfterMs: Math.max(30_000, 2 * config.rpcTimeoutMs),
    });
    this.unsettled = new UnsettledKeys({
      apply: (settlement) => this.write(settlement),
      retryEveryMs: SETTLE_RETRY_MS,
      maxPending: MAX_UNSETTLED,
      onGivenUp: ({ key }) => this.logger.warn(`gave up settling Idempotency-Key ${key}: it goes stale instead`),
    });
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    this.unsettled.stop();
  }

  async execute<T>(
    request: IdempotentRequest,
    successStatus: number,
    work: () => Promise<T>,
  ): Promise<IdempotentOutcome<T>> {
    if (!IDEMPOTENCY_KEY_PATTERN.test(request.key)) {
      throw ProblemException.of('validation', 'the Idempotency-Key header is invalid', {
        errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }],
      });
    }
    const scope = idempotencyScope(request.principal);
    const fingerprint = requestFingerprint(request.method, request.path, request.body);
    // A retry first settles what the database could not take when the same key last ran here.
    await this.unsettled.settle(scope, request.key);
    const holder = randomUUID();
    const reservation = await this.store.reserve(scope, request.key, fingerprint, holder).catch((error: unknown) => {
      // The reservation may have been written though its answer was lost: give it back once possible.
      if (isDatabaseInfrastructureFailure(error)) {
        this.unsettled.add({ scope, key: request.key, holder, outcome: { kind: 'release' } });
      }
      throw error;
    });
    switch (reservation.outcome) {
      case 'mismatch':
        throw ProblemException.of(
          'idempotency-key-reused',
          'this Idempotency-Key was already used with a different request',
        );
      case 'in-flight':
        throw ProblemException.of(
          'idempotency-key-in-use',
          'a request with this Idempotency-Key is still in progress; retry shortly',
          {
            headers: { 'Retry-After': '1' },
          },
        );
      case 'replay':
        if (reservation.status >= 400)
          throw new ProblemException(reservation.body as Problem, { 'Idempotent-Replayed': 'true' });
        return { value: reservation.body as T, replayed: true };
      case 'reserved':
        return {
          value: await this.runReserved({ scope, key: request.key, holder }, successStatus, work),
          replayed: false,
        };
    }
  }

  private async runReserved<T>(
    reserved: Omit<Settlement, 'outcome'>,
    successStatus: number,
    work: () => Promise<T>,
  ): Promise<T> {
    let value: T;
    try {
      value = await work();
    } catch (error) {
      const definite = error instanceof ProblemException && error.problem.status < 500;
      await this.settle({
        ...reserved,
        outcome: definite
          ? { kind: 'complete', status: error.problem.status, body: error.problem }
          : { kind: 'release' },
      });
      throw error;
    }
    // The work is done and its answer goes out even if the database cannot keep it right now.
    await this.settle({ ...reserved, outcome: { kind: 'complete', status: successStatus, body: value } });
    return value;
  }

  /** Settles a key now, or, while the database is unavailable, as soon as it is back. */
  private async settle(settlement: Settlement): Promise<void> {
    try {
      await this.write(settlement);
    } catch (error) {
      if (!isDatabaseInfrastructureFailure(error)) {
        this.logger.error(`could not ${settlement.outcome.kind} an Idempotency-Key: ${String(error)}`);
        return;
      }
      this.logger.warn(
        `could not ${settlement.outcome.kind} an Idempotency-Key now (${String(error)}); will when the database is back`,
      );
      this.unsettled.add(settlement);
    }
  }

  private write({ scope, key, holder, outcome }: Settlement): Promise<void> {
    return outcome.kind === 'complete'
      ? this.store.complete(scope, key, holder, outcome.status, outcome.body)
      : this.store.release(scope, key, holder);
  }

  private async sweep(): Promise<void> {
    try {
      const count = await this.store.deleteExpired();
      if (count > 0) this.logger.log(`forgot ${count} expired idempotency keys`);
    } catch (error) {
      this.logger.warn(`idempotency sweep failed: ${String(error)}`);
    }
  }
}
