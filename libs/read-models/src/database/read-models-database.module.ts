import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@samenloop/platform';
import { Pool } from 'pg';
import { ReadModelsSettings, readModelsSettingsFrom } from '../read-models.settings';
import {
  READ_MODEL_ENTITIES,
  READ_MODELS,
  readModelsDataSourceOptions,
} from './read-models-data-source';

/**
 * The read models' TypeORM data source, on the database the platform's `Pool` reaches (its
 * migrations already ran), and the read models' settings.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      name: READ_MODELS,
      inject: [Pool],
      useFactory: (pool: Pool) => {
        const url = pool.options.connectionString;
        if (!url) throw new Error('the read models need the database URL the pool connects with');
        return { ...readModelsDataSourceOptions(url), retryAttempts: 1 };
      },
    }),
    TypeOrmModule.forFeature(READ_MODEL_ENTITIES, READ_MODELS),
  ],
  providers: [
    {
      provide: ReadModelsSettings,
      inject: [AppConfig],
      useFactory: readModelsSettingsFrom,
    },
  ],
  exports: [TypeOrmModule, ReadModelsSettings],
})
export class ReadModelsDatabaseModule {}
