import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { ConfigError } from '../config/config.errors';

/**
 * The hub's own keys. Each comes from its variable in AppConfig when set; otherwise it is
 * generated once and kept in `<DATA_DIR>/secrets.json` (mode 600), which suits the embedded mode
 * and single-machine installs.
 */
export abstract class HubSecrets {
  /** Wraps every client's data key in the key vault. */
  abstract readonly masterKey: Buffer;
  /** Keys the BSN hash used to match signals without storing a BSN. */
  abstract readonly bsnHashKey: Buffer;
  /** Derives each partner's stable pseudonym for a client. */
  abstract readonly pseudonymKey: Buffer;
  /** The Ed25519 private key (PKCS#8 PEM, or base64) that signs the audit's seals. */
  abstract readonly sealKey: string;
}

type SecretVariable =
  | 'SAMENLOOP_MASTER_KEY'
  | 'SAMENLOOP_BSN_HASH_KEY'
  | 'SAMENLOOP_PSEUDONYM_KEY'
  | 'SAMENLOOP_SEAL_KEY';

interface SecretSpec<T> {
  variable: SecretVariable;
  generate(): string;
  decode(origin: string, text: string): T;
}

const symmetricKey = (variable: SecretVariable): SecretSpec<Buffer> => ({
  variable,
  generate: () => randomBytes(32).toString('base64'),
  decode: decodeKey,
});

const SPECS: { [K in keyof HubSecrets]: SecretSpec<HubSecrets[K]> } = {
  masterKey: symmetricKey('SAMENLOOP_MASTER_KEY'),
  bsnHashKey: symmetricKey('SAMENLOOP_BSN_HASH_KEY'),
  pseudonymKey: symmetricKey('SAMENLOOP_PSEUDONYM_KEY'),
  // Its format is checked where it is used (the audit's sealer) with a one-line error.
  sealKey: {
    variable: 'SAMENLOOP_SEAL_KEY',
    generate: () =>
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    decode: (_origin, text) => text,
  },
};

export async function loadHubSecrets(
  config: Pick<AppConfig, 'DATA_DIR' | SecretVariable>,
): Promise<HubSecrets> {
  const file = join(resolve(config.DATA_DIR), 'secrets.json');
  const stored = await readStored(file);
  let changed = false;
  const secrets: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(SPECS) as [keyof HubSecrets, SecretSpec<unknown>][]) {
    const configured = config[spec.variable];
    if (configured) {
      secrets[name] = spec.decode(spec.variable, configured);
      continue;
    }
    if (!stored[name]) {
      stored[name] = spec.generate();
      changed = true;
    }
    secrets[name] = spec.decode(`${file} ${name}`, stored[name]);
  }
  if (changed) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return secrets as unknown as HubSecrets;
}

async function readStored(file: string): Promise<Partial<Record<keyof HubSecrets, string>>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Partial<Record<keyof HubSecrets, string>>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

// AppConfig checked the variables already; the file's keys are checked here.
function decodeKey(origin: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32)
    throw new ConfigError(`Invalid configuration: ${origin} must be 32 bytes in base64`);
  return key;
}
