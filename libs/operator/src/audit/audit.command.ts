import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import {
  AS_OF_CLOCKS,
  describeBreak,
  describeIntact,
  configuredSealKey,
  parseAsOf,
  publicKeyFrom,
  renderSubjectAccessHtml,
  verifyIntegrity,
  type AsOf,
  type AsOfClock,
} from '@samenloop/audit';
import { ACCESS_ACTIONS } from '@samenloop/privacy';
import { loadConfig } from '@samenloop/platform';
import { LANGS, type Lang } from '@samenloop/domain';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { KeyObject } from 'node:crypto';
import { AuditSession, cliUser, openDatabase, type CliAuditor } from './audit-session';
import { writeNewPrivateFiles } from './private-files-writer';
import { replayLines } from './replay-text';
import { verifyProgress } from './verify-progress';

export interface AuditIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/**
 * `samenloop audit verify|replay|export|erase`: straight on the hub's database (a running hub's
 * embedded PostgreSQL, or DATABASE_URL), so that they work whether or not the hub is up.
 */
export function registerAuditCommands(program: Command, io: AuditIo): void {
  const audit = program
    .command('audit')
    .description('verify, replay, export and erase, on the hub’s database')
    .option(
      '--user <id>',
      'who you are, for the access log (SAMENLOOP_AUDIT_USER; default your login)',
    );

  const auditor = (command: string): CliAuditor => ({
    user: cliUser(audit.opts<{ user?: string }>().user, io.env),
    command,
  });
  const log = (line: string) => io.env.SAMENLOOP_DEBUG && io.err(line);

  audit
    .command('verify')
    .description('check every hash chain and seal; names the first broken link (exit code 1)')
    .option('--trust <file...>', 'PEM public keys the seals must be signed with')
    .action(async (options: { trust?: string[] }) => {
      const trustedKeys = await trustedKeysFor(options.trust ?? [], io.env);
      const db = await openDatabase(io.env, log);
      const progress = verifyProgress(process.stderr);
      try {
        const report = await verifyIntegrity(db.pool, {
          ...(trustedKeys.length ? { trustedKeys } : {}),
          onProgress: progress.listener,
        }).catch(missingTables);
        progress.stop();
        if (report.broken) throw new Error(`integrity broken at ${describeBreak(report.broken)}`);
        io.out(describeIntact(report));
      } finally {
        progress.stop();
        await db.close();
      }
    });

  audit
    .command('replay')
    .description('rebuild a client’s case state and timeline as of a moment')
    .requiredOption('--client <ref>', 'the hub client id, or partnerId:reference')
    .option('--as-of <moment>', 'a global-log position or an RFC 3339 time; now by default')
    .addOption(
      new Option(
        '--by <clock>',
        'which clock --as-of <time> reads: what the hub had recorded by then, or what had happened by then (the events’ occurredAt)',
      )
        .choices(AS_OF_CLOCKS)
        .default('recorded'),
    )
    .option('--json', 'print JSON')
    .action(async (options: { client: string; asOf?: string; by: AsOfClock; json?: boolean }) => {
      const moment = options.asOf === undefined ? undefined : asOf(options.asOf, options.by);
      await withSession(io, log, async (session) => {
        const clientId = await session.locator.locate(options.client);
        await session.accessLog.record(
          session.access(auditor('replay'), {
            action: ACCESS_ACTIONS.replay,
            clientId,
            ...(options.asOf ? { detail: { asOf: options.asOf, by: options.by } } : {}),
          }),
        );
        const view = await session.replays.replay(clientId, moment);
        if (options.json) io.out(JSON.stringify(view, null, 2));
        else replayLines(view).forEach((line) => io.out(line));
      });
    });

  audit
    .command('export')
    .description('write everything held about a client, as JSON and as an HTML report')
    .requiredOption('--client <ref>', 'the hub client id, or partnerId:reference')
    .option('--out <dir>', 'folder to write the two new files to (created 0700 if missing)', '.')
    .addOption(
      new Option('--lang <lang>', 'language of the HTML report for the client')
        .choices(LANGS)
        .default('nl'),
    )
    .action(async (options: { client: string; out: string; lang: Lang }) => {
      await withSession(io, log, async (session) => {
        const clientId = await session.locator.locate(options.client);
        const folder = resolve(options.out);
        const base = join(folder, `subject-access-${clientId}`);
        const paths = [`${base}.json`, `${base}.html`];
        await writeNewPrivateFiles(folder, paths, async ([json, html]) => {
          await session.accessLog.record(
            session.access(auditor('export'), { action: ACCESS_ACTIONS.export, clientId }),
          );
          const report = await session.exports.build(clientId);
          await json!.writeFile(`${JSON.stringify(report, null, 2)}\n`);
          await html!.writeFile(renderSubjectAccessHtml(report, options.lang));
        });
        paths.forEach((path) => io.out(path));
      });
    });

  audit
    .command('erase')
    .description('erase a client: client-erased, data key destroyed, BSN hash forgotten')
    .requiredOption('--client <ref>', 'the hub client id, or partnerId:reference')
    .requiredOption('--reason <text>', 'why, for the record (no personal data)', oneLine)
    .option('--actor <id>', 'who erases; your audit user by default')
    .action(async (options: { client: string; reason: string; actor?: string }) => {
      await withSession(io, log, async (session) => {
        const clientId = await session.locator.locate(options.client);
        const actor = options.actor ?? auditor('erase').user;
        const result = await session.erasure.erase({
          clientId,
          reason: options.reason,
          actor,
          authorisation: { basis: 'role', reference: 'admin' },
          accessPoint: 'cli: samenloop audit erase',
          origin: hostname(),
        });
        io.out(
          result.alreadyErased
            ? `client ${clientId} was erased before, at position ${result.position}; its key and BSN hash are gone`
            : `erased client ${clientId} at position ${result.position}; its data key is destroyed and its BSN hash forgotten`,
        );
      });
    });
}

async function withSession(
  io: AuditIo,
  log: (line: string) => void,
  work: (session: AuditSession) => Promise<void>,
): Promise<void> {
  const session = await AuditSession.open(io.env, log);
  try {
    await work(session);
  } finally {
    await session.close();
  }
}

async function trustedKeysFor(
  files: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<KeyObject[]> {
  const keys = await Promise.all(
    files.map(async (file) => publicKeyFrom(await readFile(file, 'utf8'))),
  );
  const own = configuredSealKey(loadConfig(env));
  return own ? [...keys, own.publicKey] : keys;
}

/** A hub that never ran `auditMigrations` has no seals or access log to check. */
function missingTables(error: unknown): never {
  if ((error as { code?: string }).code === '42P01') {
    throw new Error(
      `this database lacks the audit tables (${(error as Error).message}): start the hub with auditMigrations first`,
    );
  }
  throw error;
}

function asOf(value: string, by: AsOfClock): AsOf {
  const moment = parseAsOf(value, by);
  if (!moment) {
    throw new Error(
      by === 'happened'
        ? 'option --as-of: expected an RFC 3339 date-time with --by happened'
        : 'option --as-of: expected a position or an RFC 3339 date-time',
    );
  }
  return moment;
}

function oneLine(value: string): string {
  if (!value.trim() || /[\n\r]/.test(value) || value.length > 500) {
    throw new InvalidArgumentError('expected one line of at most 500 characters');
  }
  return value;
}
