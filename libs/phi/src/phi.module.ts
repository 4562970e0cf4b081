import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PhiKeyring } from './keyring.js';
import { LocalKeyManagement } from './local-key-management.js';
import type { KeyManagementService } from './key-management.js';
import { PhiCipher } from './phi-cipher.js';
import type { PhiColumn } from './phi-column.js';
import type { PhiConfig } from './phi-config.js';
import { reencryptAll } from './reencrypt.js';

export const PHI_COLUMNS = Symbol('PHI_COLUMNS');
export const PHI_CONFIG = Symbol('PHI_CONFIG');

export interface PhiModuleOptions {
  config: PhiConfig;
  /** Every column of this service that holds sealed values, for the background re-encryption. */
  columns: readonly PhiColumn[];
  /** A cloud KMS behind the same interface; the local one (master keys from the config) otherwise. */
  kms?: KeyManagementService;
}

/**
 * Re-encrypts in the background, every `PHI_REENCRYPT_INTERVAL_SECONDS`: values under a retired data
 * key or still in plaintext move to the active key, a batch at a time, while the service serves.
 */
@Injectable()
export class PhiReencryption implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PhiReencryption');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
    @Inject(PHI_COLUMNS) private readonly columns: readonly PhiColumn[],
    @Inject(PHI_CONFIG) private readonly config: PhiConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.isDevelopmentDefault) {
      this.logger.warn('PHI_MASTER_KEYS is not set: personal data is sealed with the public development key');
    }
    if (this.config.reencryptIntervalSeconds === 0) return;
    this.timer = setInterval(() => void this.runOnce(), this.config.reencryptIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every column; overlapping passes are skipped. Returns what moved. */
  async runOnce(): Promise<Record<string, number>> {
    if (this.running) return {};
    let counts: Record<string, number> = {};
    this.running = (async () => {
      try {
        await this.cipher.refresh();
        counts = await reencryptAll(this.dataSource, this.cipher, this.columns, undefined, (where, error) =>
          this.logger.error(`${where} does not open, left as it is: ${error.message}`),
        );
        const moved = Object.entries(counts).filter(([, count]) => count > 0);
        if (moved.length > 0) this.logger.log(`re-encrypted under the active data key: ${JSON.stringify(counts)}`);
      } catch (error) {
        this.logger.warn(`re-encryption pass failed, retried at the next: ${(error as Error).message}`);
      }
    })();
    await this.running;
    this.running = undefined;
    return counts;
  }
}

/** Provides `PhiCipher` (keys loaded once the database is migrated) and the background re-encryption. */
@Module({})
export class PhiModule {
  static forRoot(options: PhiModuleOptions): DynamicModule {
    const { config } = options;
    const kms = options.kms ?? new LocalKeyManagement(config.masterKeys, config.activeMasterKeyId);
    return {
      module: PhiModule,
      global: true,
      providers: [
        { provide: PHI_COLUMNS, useValue: options.columns },
        { provide: PHI_CONFIG, useValue: config },
        {
          provide: PhiCipher,
          inject: [DataSource],
          useFactory: async (dataSource: DataSource) => new PhiCipher(await PhiKeyring.open(dataSource, kms)),
        },
        PhiReencryption,
      ],
      exports: [PhiCipher, PhiReencryption],
    };
  }
}
