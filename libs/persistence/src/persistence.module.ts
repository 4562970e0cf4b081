import { type DynamicModule, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, openAndMigrate, type DataSourceOptions } from './data-source.js';

/**
 * Provides the service's TypeORM `DataSource` (inject it by class), opened with migrations applied
 * before the service takes any traffic, and closed on shutdown.
 */
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: DataSourceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [{ provide: DataSource, useFactory: () => openAndMigrate(createDataSource(options)) }],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
