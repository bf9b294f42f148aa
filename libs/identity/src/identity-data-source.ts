import { DataSource, type DataSourceOptions } from 'typeorm';
import { AccountEntity } from './accounts/account.entity';
import { OidcLoginEntity } from './oidc/oidc-login.entity';
import { SessionEntity } from './sessions/session.entity';
import { SignInAttemptsEntity } from './sign-in/sign-in-attempts.entity';

/** The name of the identity lib's TypeORM data source. */
export const IDENTITY = 'identity';

export const IDENTITY_ENTITIES = [
  AccountEntity,
  SessionEntity,
  SignInAttemptsEntity,
  OidcLoginEntity,
];

/** Sign-ins and session look-ups are short single-row queries: a few connections serve them. */
const CONNECTIONS = 3;

/**
 * The schema comes from `identityMigrations` through the project's migration runner, never from
 * TypeORM: `synchronize` stays off.
 */
export function identityDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: IDENTITY_ENTITIES,
    synchronize: false,
    migrationsRun: false,
    poolSize: CONNECTIONS,
    applicationName: 'samenloop-identity',
  };
}

/** A data source outside Nest (the command line, specs); initialised, for the caller to destroy. */
export async function openIdentityDataSource(url: string): Promise<DataSource> {
  return new DataSource(identityDataSourceOptions(url)).initialize();
}
