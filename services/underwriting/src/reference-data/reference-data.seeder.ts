import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seedReferenceData } from './seed-reference-data.js';

/**
 * Loads the reference seed when the service starts, before its consumers start deciding coverage
 * (they start at application bootstrap, after every module has initialised).
 */
@Injectable()
export class ReferenceDataSeeder implements OnModuleInit {
  private readonly logger = new Logger('ReferenceData');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const added = await seedReferenceData(this.dataSource);
    if (added.procedures + added.pairs > 0) {
      this.logger.log(`seeded ${added.procedures} procedures and ${added.pairs} NCCI pairs`);
    }
  }
}
