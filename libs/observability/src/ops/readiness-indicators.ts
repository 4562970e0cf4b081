import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { OPS_OPTIONS, type OpsModuleOptions } from './ops-options.js';
import type { ProviderLookup, ReadinessCheck } from './readiness.js';

const DEFAULT_PROBE_TIMEOUT_MS = 2000;

/** Turns the service's readiness checks (plus PostgreSQL when present) into terminus indicators. */
@Injectable()
export class ReadinessIndicators {
  constructor(
    @Inject(OPS_OPTIONS) private readonly options: OpsModuleOptions,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
  ) {}

  all(): HealthIndicatorFunction[] {
    const checks = [...this.databaseCheck(), ...(this.options.readiness ?? [])];
    return checks.map((check) => () => this.probe(check));
  }

  private probe(check: ReadinessCheck) {
    const lookup: ProviderLookup = (token) => this.moduleRef.get(token, { strict: false });
    return this.indicators
      .check(check.name)
      .attempt(async () => {
        const verdict = await check.isReady(lookup);
        if (verdict === false) throw new Error(`${check.name} is not ready`);
        return typeof verdict === 'object' ? verdict : undefined;
      })
      .withTimeout(this.options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
  }

  /** PostgreSQL is checked whenever the application has a DataSource (the gateway has none). */
  private databaseCheck(): ReadinessCheck[] {
    const dataSource = this.findDataSource();
    if (!dataSource) return [];
    return [
      {
        name: 'database',
        isReady: async () => {
          if (!dataSource.isInitialized) return false;
          await dataSource.query('SELECT 1');
        },
      },
    ];
  }

  private findDataSource(): DataSource | undefined {
    try {
      return this.moduleRef.get(DataSource, { strict: false });
    } catch {
      return undefined;
    }
  }
}
