import { ConfigError } from '@samenloop/platform';

/** The read models' own settings, read from the environment. */
export abstract class ReadModelsSettings {
  /** `WORKERS=off` keeps this process from running the projections (another process does). */
  abstract readonly workers: boolean;
}

export function readModelsSettings(env: NodeJS.ProcessEnv = process.env): ReadModelsSettings {
  const workers = env.WORKERS || 'on';
  if (workers !== 'on' && workers !== 'off') {
    throw new ConfigError('Invalid configuration: WORKERS must be on or off');
  }
  return { workers: workers === 'on' };
}
