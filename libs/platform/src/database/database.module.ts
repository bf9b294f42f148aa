import {
  DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig } from '../config/app-config';
import { connectDatabase, DatabaseConnection } from './database-connection';
import type { Migration } from './migration';
import { runMigrations } from './migration-runner';

const CONNECTION = Symbol('DatabaseConnection');

class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(CONNECTION) private readonly connection: DatabaseConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** Connects (starting the embedded server if needed), migrates, and provides the `pg` Pool. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(migrations: readonly Migration[]): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: CONNECTION,
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const logger = new Logger('Database');
            const connection = await connectDatabase(config, (line) => logger.debug(line));
            try {
              const applied = await runMigrations(connection.pool, migrations);
              logger.log(
                `${connection.embedded ? 'embedded' : 'external'} PostgreSQL ready, ${applied.length} migration(s) applied`,
              );
            } catch (error) {
              await connection.close();
              throw error;
            }
            return connection;
          },
        },
        {
          provide: Pool,
          inject: [CONNECTION],
          useFactory: (connection: DatabaseConnection) => connection.pool,
        },
        DatabaseCloser,
      ],
      exports: [Pool],
    };
  }
}
