import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { ConfigError } from './config.error';
import { LAG_COUNT_LIMIT } from '../metrics/worker-lag';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyAsUnset = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting the processes read from the environment, checked once at start-up.
 * Names are the environment variables themselves so an error message names what to fix.
 */
export class AppConfig {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyAsUnset)
  @IsString()
  HOST = '0.0.0.0';

  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// connection string',
  })
  DATABASE_URL?: string;

  @Transform(emptyAsUnset)
  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(emptyAsUnset)
  @IsIn(['postgres', 'kurrentdb'])
  EVENT_STORE: 'postgres' | 'kurrentdb' = 'postgres';

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsUrl(
    { protocols: ['kurrentdb', 'kurrentdb+discover', 'esdb', 'esdb+discover'], require_tld: false },
    { message: 'KURRENTDB_URL must be a kurrentdb:// connection string' },
  )
  KURRENTDB_URL?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'SAMENLOOP_ADMIN_TOKEN must be at least 24 characters' })
  SAMENLOOP_ADMIN_TOKEN?: string;

  /** Seed the six demo partners into an empty registry; on by default in embedded mode only. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsIn(['on', 'off'])
  DEMO_PARTNERS?: 'on' | 'off';

  /** Requests per second per caller (token, else address); 0 turns the limit off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_SECOND = 500;

  /** The wait before a failed webhook delivery's first retry; it doubles up to an hour, for 24 h. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  WEBHOOK_FIRST_RETRY_MS = 5_000;

  /** Origins allowed to call the API from a browser (comma-separated); none by default. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  /**
   * Proxies whose X-Forwarded-For is believed for the caller's address: a hop count, or
   * comma-separated addresses, CIDRs or proxy-addr names (`loopback`); unset believes none.
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^(\d{1,2}|[0-9a-zA-Z:./]+(,[0-9a-zA-Z:./]+)*)$/, {
    message: 'TRUST_PROXY must be a hop count or a comma-separated list of addresses or CIDRs',
  })
  TRUST_PROXY?: string;

  /**
   * The hub's public origin as browsers see it (e.g. https://samenloop.gemeente.nl): the OIDC
   * redirect URI is built from it, and cookie-authenticated changes must come from it.
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+$/, {
    message: 'PUBLIC_URL must be an http(s) origin without a path, e.g. https://samenloop.example',
  })
  PUBLIC_URL?: string;

  /** Bearer token for /metrics and /health/projections (the admin token works too). */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'METRICS_TOKEN must be at least 24 characters' })
  METRICS_TOKEN?: string;

  /** `on` (development and tests only): webhooks may use plain http to loopback addresses. */
  @Transform(emptyAsUnset)
  @IsIn(['on', 'off'])
  WEBHOOK_ALLOW_LOOPBACK_HTTP: 'on' | 'off' = 'off';

  /** Webhook subscriptions one partner may hold. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_MAX_SUBSCRIPTIONS = 10;

  /** Server-sent-event streams one partner may hold open at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  SSE_MAX_STREAMS = 4;

  /** `involvement-signalled` BSN look-ups one partner may make per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  BSN_SIGNALS_PER_MINUTE = 60;

  /** The data-sharing agreements (YAML); reloaded when the file changes. */
  @Transform(emptyAsUnset)
  @IsString()
  SHARING_CONFIG = 'config/sharing.yaml';

  /** Kafka bootstrap servers (host:port, comma-separated); unset: delivery over HTTP only. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS?: string;

  @Transform(emptyAsUnset)
  @Matches(/^[a-zA-Z0-9._-]{1,100}$/, {
    message: 'KAFKA_TOPIC_PREFIX must be letters, digits, dots, dashes or underscores',
  })
  KAFKA_TOPIC_PREFIX = 'samenloop';

  /** `on`: every Kafka client connects over TLS (KAFKA_SSL_CA names a PEM file of CAs to trust). */
  @Transform(emptyAsUnset)
  @IsIn(['on', 'off'])
  KAFKA_SSL: 'on' | 'off' = 'off';

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA?: string;

  /** SASL for every Kafka client; with it, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsIn(['scram-sha-256', 'scram-sha-512', 'plain'])
  KAFKA_SASL_MECHANISM?: 'scram-sha-256' | 'scram-sha-512' | 'plain';

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /** `off`: this process serves the API only; the relay and projector apps run the workers. */
  @Transform(emptyAsUnset)
  @IsIn(['on', 'off'])
  WORKERS: 'on' | 'off' = 'on';

  /**
   * Readiness fails while a worker running in this process trails the log by more events than
   * this; 0 turns the check off. Lag is counted up to LAG_COUNT_LIMIT, hence the maximum.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(LAG_COUNT_LIMIT)
  READY_MAX_LAG_EVENTS = 10_000;

  @Transform(emptyAsUnset)
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

/**
 * Reads and validates the configuration; throws a ConfigError whose message is one line naming
 * every bad variable, so `main` can print it and exit.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const provided = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => value !== undefined && known.includes(key)),
  );
  const config = plainToInstance(AppConfig, provided, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const reasons = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new ConfigError(`Invalid configuration: ${reasons.join('; ')}`);
  }
  if (config.EVENT_STORE === 'kurrentdb' && !config.KURRENTDB_URL) {
    throw new ConfigError('Invalid configuration: EVENT_STORE=kurrentdb needs KURRENTDB_URL');
  }
  if (config.KAFKA_SASL_MECHANISM && !(config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD)) {
    throw new ConfigError(
      'Invalid configuration: KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    );
  }
  return config;
}
