import { Command, CommanderError } from 'commander';
import { HubClient } from './hub-client/hub.client';
import { HubRequestError } from './hub-client/hub-request.errors';
import { registerAuditCommands } from './audit/audit.command';
import { registerDemoCommand } from './demo/demo.command';
import { registerPartnerCommands } from './partners/partners.command';
import { registerProjectionCommands } from './projections/projections.command';

export interface ProgramIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const defaultIo: ProgramIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

/**
 * Builds the `samenloop` command line; every command talks to a running hub over HTTP. Given a
 * version, `--version` prints it.
 */
export function buildProgram(io: ProgramIo = defaultIo, version?: string): Command {
  const program = new Command('samenloop').description('Samenloop hub administration');
  if (version !== undefined) program.version(version, '-V, --version', 'print the version');
  program
    .option(
      '--url <url>',
      'the hub’s base URL (SAMENLOOP_URL)',
      io.env.SAMENLOOP_URL ?? 'http://localhost:3000',
    )
    .option('--admin-token <token>', 'the administrator token (SAMENLOOP_ADMIN_TOKEN)')
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    })
    .exitOverride();

  const adminClient = (): HubClient => {
    const { url, adminToken } = program.opts<{ url: string; adminToken?: string }>();
    const token = adminToken ?? io.env.SAMENLOOP_ADMIN_TOKEN;
    if (!token) {
      throw new HubRequestError(
        'the administrator token is missing: set SAMENLOOP_ADMIN_TOKEN or pass --admin-token',
      );
    }
    return new HubClient({ baseUrl: url, token });
  };

  registerPartnerCommands(program, adminClient, io.out);
  registerDemoCommand(program, adminClient, io);
  registerProjectionCommands(program, io);
  registerAuditCommands(program, io);
  return program;
}

/** Runs the command line and returns the exit code; failures print one line on stderr. */
export async function runProgram(
  argv: readonly string[],
  io: ProgramIo = defaultIo,
  version?: string,
): Promise<number> {
  const program = buildProgram(io, version);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its own one-line message (or the help) already.
      return error.exitCode;
    }
    io.err(`samenloop: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
