import type { AppConfig } from '@samenloop/platform';

/** The read models' slice of the configuration loadConfig validated. */
export abstract class ReadModelsSettings {
  /** `WORKERS=off` keeps this process from running the projections (another process does). */
  abstract readonly workers: boolean;
}

export function readModelsSettingsFrom(config: AppConfig): ReadModelsSettings {
  return { workers: config.WORKERS === 'on' };
}
