import { Transform } from 'class-transformer';
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
} from 'class-validator';
import { LAG_COUNT_LIMIT } from '../metrics/worker-lag';
import { IsBase64Key, IsIsoDuration, IsWholeNumberIn } from './config-validators';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyAsUnset = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting the processes read from the environment, checked once at start-up by loadConfig;
 * each lib takes its slice from here (e.g. the audit's `auditSettingsFrom`) and reads no variable
 * itself. Names are the environment variables themselves so an error message names what to fix.
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

  /** The HubSecrets keys; each unset one is generated once and kept in DATA_DIR/secrets.json. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsBase64Key(32)
  SAMENLOOP_MASTER_KEY?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsBase64Key(32)
  SAMENLOOP_BSN_HASH_KEY?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsBase64Key(32)
  SAMENLOOP_PSEUDONYM_KEY?: string;

  /**
   * The Ed25519 key that signs the audit's seals. The audit decodes it (three encodings) when it
   * starts, and a key it cannot read stops the process with one line there.
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  SAMENLOOP_SEAL_KEY?: string;

  /** Seed the six demo partners into an empty registry; on by default in embedded mode only. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsIn(['on', 'off'])
  DEMO_PARTNERS?: 'on' | 'off';

  /** The password of every seeded demo dashboard account; unset, each gets its own. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'DEMO_ACCOUNT_PASSWORD must be at least 8 characters' })
  DEMO_ACCOUNT_PASSWORD?: string;

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
    message: 'KAFKA_TOPIC_PREFIX must be 1-100 letters, digits, dots, dashes or underscores',
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

  /** `off`: this process runs none of the audit's sealer, retention and erasure workers. */
  @Transform(emptyAsUnset)
  @IsIn(['on', 'off'])
  AUDIT_WORKERS: 'on' | 'off' = 'on';

  /**
   * Readiness fails while a worker running in this process trails the log by more events than
   * this; 0 turns the check off. Lag is counted up to LAG_COUNT_LIMIT, hence the maximum.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(LAG_COUNT_LIMIT)
  READY_MAX_LAG_EVENTS = 10_000;

  /**
   * OpenID Connect sign-in for professionals: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET
   * together turn it on (CONFIG_RULES), with PUBLIC_URL or OIDC_REDIRECT_URI.
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  /** Where the issuer sends the browser back; unset, PUBLIC_URL's callback path. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+\/[^\s#]*$/, {
    message: 'OIDC_REDIRECT_URI must be an http(s) URL without a fragment',
  })
  OIDC_REDIRECT_URI?: string;

  /** The ID-token claim holding the role (`case-lead`, `auditor` or `admin`). */
  @Transform(emptyAsUnset)
  @IsString()
  OIDC_ROLE_CLAIM = 'samenloop_role';

  /** The ID-token claim holding a case lead's partner id. */
  @Transform(emptyAsUnset)
  @IsString()
  OIDC_PARTNER_CLAIM = 'samenloop_partner';

  /** Erasure is due this long after `case-closed`; PostgreSQL reads it as an interval. */
  @Transform(emptyAsUnset)
  @IsIsoDuration({ fixed: false })
  RETENTION_AFTER_CLOSE = 'P5Y';

  /** How often the retention job looks for erasures that are due. */
  @Transform(emptyAsUnset)
  @IsIsoDuration({ fixed: true })
  RETENTION_CHECK_INTERVAL = 'PT1H';

  /** The sealer signs a new Merkle root as soon as this many events wait for one… */
  @Transform(toInt)
  @IsWholeNumberIn(1, 100_000)
  SEAL_EVERY_EVENTS = 1000;

  /** …and no event waits longer than this many minutes for its seal. */
  @Transform(toInt)
  @IsWholeNumberIn(1, 10_080)
  SEAL_EVERY_MINUTES = 10;

  @Transform(emptyAsUnset)
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}
