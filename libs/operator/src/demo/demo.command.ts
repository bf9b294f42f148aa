import { randomBytes, randomInt } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import type { HubClient } from '../hub-client/hub.client';
import { HubEventPoster } from './event-poster';
import { issuePartnerTokens } from './partner-tokens';
import { PILOT_PARTNERS } from './pilot-partners';
import { PilotPlan } from './pilot-plan';
import { runPilot } from './pilot-runner';
import { createProgress } from './progress-reporter';

/** The command line's output; `ProgramIo` fits it. */
export interface DemoIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface DemoOptions {
  clients: number;
  seed?: number;
  concurrency: number;
  token: Map<string, string>;
}

const MAX_CLIENTS = 100_000;
const MAX_SEED = 2 ** 32 - 1;

/** `samenloop demo --clients <n> [--seed <s>] [--concurrency <c>] [--token <partner>=<token>]...`. */
export function registerDemoCommand(
  program: Command,
  adminClient: () => HubClient,
  io: DemoIo,
): void {
  program
    .command('demo')
    .description('simulate a pilot: enrol clients and post their timelines as the demo partners')
    .requiredOption(
      '--clients <n>',
      `number of clients (1-${MAX_CLIENTS})`,
      wholeNumber(1, MAX_CLIENTS),
    )
    .option(
      '--seed <s>',
      `seed of the plan (0-${MAX_SEED}; default random)`,
      wholeNumber(0, MAX_SEED),
    )
    .option('--concurrency <c>', 'clients posted at the same time (1-256)', wholeNumber(1, 256), 16)
    .option(
      '--token <partner>=<token>',
      `post as <partner> with the token it has, keeping that token (repeatable; ${PILOT_PARTNERS.map(({ id }) => id).join(', ')})`,
      partnerToken,
      new Map<string, string>(),
    )
    .action(async (options: DemoOptions) => {
      const admin = adminClient();
      const { tokens, issued, rotated } = await issuePartnerTokens(
        admin,
        PILOT_PARTNERS,
        options.token,
      );
      // The hub shows a token only once: printed here, it stays usable after the run.
      issued.forEach((token, partnerId) =>
        io.out(`partner token ${partnerId.padEnd(24)} ${token}`),
      );
      if (rotated.length) {
        io.err(
          `demo: new tokens for ${rotated.join(', ')} (printed above); their old ones no longer work`,
        );
      }
      const seed = options.seed ?? randomInt(MAX_SEED + 1);
      const runId = randomBytes(3).toString('hex');
      io.out(`demo run ${runId}, seed ${seed} (repeat the same pilot with --seed ${seed})`);

      const plan = new PilotPlan({ clients: options.clients, seed, runId, now: new Date() });
      const tally = await runPilot(plan, new HubEventPoster(admin, tokens), {
        concurrency: options.concurrency,
        progress: createProgress(options.clients, process.stderr, io.err),
      });
      tally.summary().forEach((line) => io.out(line));
      if (tally.rejected > 0) {
        throw new Error(`the hub rejected ${tally.rejected} events (listed above)`);
      }
    });
}

/** Collects `--token <partner>=<token>`, once per pilot partner. */
function partnerToken(value: string, given: Map<string, string>): Map<string, string> {
  const separator = value.indexOf('=');
  const partnerId = value.slice(0, Math.max(separator, 0));
  const token = value.slice(separator + 1);
  if (separator < 1 || token === '') {
    throw new InvalidArgumentError('expected <partner>=<token>');
  }
  if (!PILOT_PARTNERS.some(({ id }) => id === partnerId)) {
    throw new InvalidArgumentError(
      `${partnerId} does not post in the demo; it posts as ${PILOT_PARTNERS.map(({ id }) => id).join(', ')}`,
    );
  }
  if (given.has(partnerId)) throw new InvalidArgumentError(`${partnerId} is given twice`);
  return new Map([...given, [partnerId, token]]);
}

function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return number;
  };
}
