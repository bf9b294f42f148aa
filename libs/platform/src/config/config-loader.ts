import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppConfig } from './app-config';
import { ConfigError } from './config.errors';
import { CONFIG_RULES } from './config.rules';

/**
 * The one reader of the hub's environment: reads and validates every variable AppConfig declares
 * and throws a ConfigError whose message is one line naming every bad variable and what is wrong
 * with it, so `main` can print it and exit.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const provided = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => value !== undefined && known.includes(key)),
  );
  const config = plainToInstance(AppConfig, provided, { exposeDefaultValues: true });
  // The first failed check of each variable says enough to fix it.
  const errors = validateSync(config, { forbidUnknownValues: true, stopAtFirstError: true });
  const reasons = [
    ...errors.flatMap((error) => Object.values(error.constraints ?? {})),
    ...CONFIG_RULES.map((rule) => rule(config)).filter((reason) => reason !== undefined),
  ];
  if (reasons.length > 0) {
    throw new ConfigError(`Invalid configuration: ${reasons.join('; ')}`);
  }
  return config;
}
