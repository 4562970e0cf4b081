import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Principal } from '#libs/contracts';
import { DataSource } from 'typeorm';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import type { Problem } from '../http/problem.js';
import { ProblemException } from '../http/problem.exception.js';
import { IDEMPOTENCY_KEY_PATTERN, idempotencyScope, requestFingerprint } from './idempotency-fingerprint.js';
import { IdempotencyStore } from './idempotency.store.js';

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

/**
 * Idempotency-Key (API.md, Conventions). The first request with a key runs and its answer is kept
 * (success or a 4xx problem); the same key with the same request replays that answer; with another
 * request it is a 409; while the first is still running, a second one is a 409 too (with
 * Retry-After), rather than waiting and holding a connection. A 5xx or a timeout keeps nothing, so
 * the caller can retry with the same key.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyService.name);
  private readonly store: IdempotencyStore;
  private sweeper?: NodeJS.Timeout;

  constructor(@Inject(DataSource) dataSource: DataSource, @Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.store = new IdempotencyStore(dataSource, {
      ttlHours: config.idempotencyTtlHours,
      staleAfterMs: Math.max(30_000, 2 * config.rpcTimeoutMs),
    });
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
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
    const reservation = await this.store.reserve(scope, request.key, fingerprint);
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
        return { value: await this.runReserved(scope, request.key, successStatus, work), replayed: false };
    }
  }

  private async runReserved<T>(scope: string, key: string, successStatus: number, work: () => Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await work();
    } catch (error) {
      if (error instanceof ProblemException && error.problem.status < 500) {
        await this.store.complete(scope, key, error.problem.status, error.problem);
      } else {
        await this.store.release(scope, key).catch((releaseError: unknown) => this.logger.error(String(releaseError)));
      }
      throw error;
    }
    try {
      await this.store.complete(scope, key, successStatus, value);
    } catch (error) {
      // The work is done and its answer goes out; only a replay of it is lost (the key stays in
      // flight until it is stale), which is better than failing a request that succeeded.
      this.logger.error(`could not remember the response for an Idempotency-Key: ${String(error)}`);
    }
    return value;
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
