import type { AppConfig } from './app-config';

/** A rule over several variables: the reason the configuration breaks it, or undefined. */
type ConfigRule = (config: AppConfig) => string | undefined;

const OIDC_TRIO = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** What no single variable's check can see; loadConfig reports them beside those. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  (config) =>
    config.EVENT_STORE === 'kurrentdb' && !config.KURRENTDB_URL
      ? 'EVENT_STORE=kurrentdb needs KURRENTDB_URL'
      : undefined,
  (config) =>
    config.KAFKA_SASL_MECHANISM && !(config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD)
      ? 'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD'
      : undefined,
  (config) =>
    config.KAFKA_SSL_CA && config.KAFKA_SSL !== 'on'
      ? 'KAFKA_SSL_CA needs KAFKA_SSL=on (a CA file and a plaintext connection contradict)'
      : undefined,
  (config) => {
    const given = OIDC_TRIO.filter((name) => config[name] !== undefined).length;
    return given > 0 && given < OIDC_TRIO.length
      ? 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together'
      : undefined;
  },
  (config) =>
    OIDC_TRIO.every((name) => config[name] !== undefined) &&
    !config.PUBLIC_URL &&
    !config.OIDC_REDIRECT_URI
      ? 'OpenID Connect sign-in needs PUBLIC_URL (or OIDC_REDIRECT_URI)'
      : undefined,
];
