import { type Command } from 'commander';
import { connectDatabase, loadConfig } from '@samenloop/platform';
import { ProjectionRebuilder } from '@samenloop/read-models';
import { openEventStore } from './event-store-context';
import { createRebuildProgress } from './rebuild-progress';

/**
 * `samenloop projections rebuild [name]`: straight on the database (DATABASE_URL, else the hub's
 * embedded one under DATA_DIR, also while the hub runs). The projections are cleared and replayed
 * from position 0 together, in one read of the log, under their locks: the hub's consumer leaves
 * them alone meanwhile and resumes after it.
 */
export interface ProjectionsIo {
  out: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export function registerProjectionCommands(program: Command, io: ProjectionsIo): void {
  const projections = program
    .command('projections')
    .description('the read models the dashboard reads, fed by the event log');

  projections
    .command('rebuild [name]')
    .description(
      `clear and replay one projection from position 0, or all together (${ProjectionRebuilder.names.join(', ')})`,
    )
    .action(async (name?: string) => {
      if (name !== undefined && !ProjectionRebuilder.names.includes(name)) {
        throw new Error(`no projection ${name}; there are ${ProjectionRebuilder.names.join(', ')}`);
      }
      const config = loadConfig(io.env);
      const database = await connectDatabase(config, () => undefined, { attach: true });
      try {
        const events = await openEventStore(config, database.pool);
        try {
          const rebuilder = await ProjectionRebuilder.open({ ...database, store: events.store });
          try {
            const names = name === undefined ? ProjectionRebuilder.names : [name];
            const progress = createRebuildProgress(name ?? 'all', process.stderr);
            const done = await rebuilder
              .rebuild(names, (step) => progress.update(step))
              .finally(() => progress.stop());
            for (const projection of done.projections) {
              io.out(
                `rebuilt ${projection}: ${done.events} events, up to position ${done.position}`,
              );
            }
          } finally {
            await rebuilder.close();
          }
        } finally {
          await events.close();
        }
      } finally {
        await database.close();
      }
    });
}
