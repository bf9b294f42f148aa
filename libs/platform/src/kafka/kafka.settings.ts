import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { AppConfig } from '../config/app-config';
import { ConfigError } from '../config/config.errors';

type KafkaConfig = Pick<
  AppConfig,
  | 'KAFKA_BROKERS'
  | 'KAFKA_TOPIC_PREFIX'
  | 'WORKERS'
  | 'KAFKA_SSL'
  | 'KAFKA_SSL_CA'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
>;

/** SASL with a user name and password: SCRAM, or PLAIN (only over TLS: PLAIN sends it as is). */
export type KafkaSasl = {
  [M in SaslMechanism]: { mechanism: M; username: string; password: string };
}[SaslMechanism];
type SaslMechanism = NonNullable<AppConfig['KAFKA_SASL_MECHANISM']>;

/** How this process reaches Kafka, and whether it runs the relay and the intake. */
export class KafkaSettings {
  /** `host:port` of each seed broker; none when KAFKA_BROKERS is unset: Kafka stays off. */
  readonly brokers: readonly string[];
  readonly topicPrefix: string;
  /**
   * The intake's consumer group: one per hub deployment (named by its topic prefix), so that the
   * processes of one deployment share the inbound partitions out.
   */
  readonly intakeGroup: string;
  readonly clientId: string;
  /** False with WORKERS=off: another process (apps/relay) runs the relay and the intake. */
  readonly workers: boolean;
  /** TLS on every connection: `true` trusts the system's CAs, options name others. */
  readonly ssl?: true | ConnectionOptions;
  /** The hub's own principal on the broker; its ACLs are what keep partners apart. */
  readonly sasl?: KafkaSasl;

  constructor(init: {
    brokers: readonly string[];
    topicPrefix: string;
    intakeGroup?: string;
    clientId?: string;
    workers?: boolean;
    ssl?: true | ConnectionOptions;
    sasl?: KafkaSasl;
  }) {
    this.brokers = [...init.brokers];
    this.topicPrefix = init.topicPrefix;
    this.intakeGroup = init.intakeGroup ?? `${init.topicPrefix}.intake`;
    this.clientId = init.clientId ?? 'samenloop';
    this.workers = init.workers ?? true;
    if (init.ssl) this.ssl = init.ssl;
    if (init.sasl) this.sasl = init.sasl;
  }

  get enabled(): boolean {
    return this.brokers.length > 0;
  }

  /** How the connections are secured, for the start-up line (never the password). */
  describeSecurity(): string {
    const tls = this.ssl ? 'TLS' : 'plaintext';
    return this.sasl ? `${tls}, SASL ${this.sasl.mechanism} as ${this.sasl.username}` : tls;
  }
}

/**
 * The settings in the validated configuration (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, WORKERS and the
 * KAFKA_SSL and KAFKA_SASL variables). The CA file is read here, at start: a path that cannot be
 * read stops the process with one line instead of failing every connection later.
 */
export function kafkaSettingsFrom(config: KafkaConfig): KafkaSettings {
  return new KafkaSettings({
    brokers: (config.KAFKA_BROKERS ?? '')
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker !== ''),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    workers: config.WORKERS === 'on',
    ...tlsFrom(config),
    ...saslFrom(config),
  });
}

function tlsFrom(config: KafkaConfig): { ssl?: true | ConnectionOptions } {
  // loadConfig refuses a CA file without KAFKA_SSL=on rather than connect in plaintext.
  if (config.KAFKA_SSL !== 'on') return {};
  return { ssl: config.KAFKA_SSL_CA ? { ca: [readCa(config.KAFKA_SSL_CA)] } : true };
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration: KAFKA_SSL_CA ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

function saslFrom(config: KafkaConfig): { sasl?: KafkaSasl } {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username } = config;
  const password = config.KAFKA_SASL_PASSWORD;
  // loadConfig already refuses a mechanism without both; this keeps the types honest.
  if (!mechanism || !username || !password) return {};
  return { sasl: { mechanism, username, password } };
}
