import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@samenloop/platform';
import { Pool } from 'pg';
import { IdentitySettings, identitySettingsFrom } from './identity.settings';
import { IDENTITY, IDENTITY_ENTITIES, identityDataSourceOptions } from './identity-data-source';

/**
 * The identity lib's TypeORM data source, on the database the platform's `Pool` reaches (its
 * migrations already ran), and the identity settings.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      name: IDENTITY,
      inject: [Pool],
      useFactory: (pool: Pool) => {
        const url = pool.options.connectionString;
        if (!url) throw new Error('sign-in needs the database URL the pool connects with');
        return { ...identityDataSourceOptions(url), retryAttempts: 1 };
      },
    }),
    TypeOrmModule.forFeature(IDENTITY_ENTITIES, IDENTITY),
  ],
  providers: [
    {
      provide: IdentitySettings,
      inject: [AppConfig],
      useFactory: identitySettingsFrom,
    },
  ],
  exports: [TypeOrmModule, IdentitySettings],
})
export class IdentityDatabaseModule {}
