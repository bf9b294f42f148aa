/** A configuration problem, reported to the operator as one line before the process stops. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
