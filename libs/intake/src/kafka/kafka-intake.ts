import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { partnerTopics } from '@samenloop/contracts';
import { backoffMs, pause, type TopicProvisioner } from '@samenloop/platform';
import type { PartnerRegistry } from '@samenloop/sharing';
import {
  Partitioners,
  type Consumer,
  type EachMessagePayload,
  type Kafka,
  type Producer,
} from 'kafkajs';
import type { Publisher } from '../record-event/record-partner-event.command';
import { InboundRecordHandler, type InboundOutcome } from './inbound-record.handler';
import type { InboundRecord } from './inbound-record';
import { rejectionRecord } from './rejection-record';

/** The longest a shutdown waits for the intake to leave its group. */
const STOP_WAIT_MS = 5_000;

export interface KafkaIntakeOptions {
  topicPrefix: string;
  /** One consumer group per hub deployment. */
  groupId: string;
  /** How often the partner list is read again to follow new and revoked partners. */
  partnersRefreshMs?: number;
  /**
   * How long a fetch waits for records (kafkajs's default 5 s). A broker answers as soon as
   * records arrive; librdkafka's mock cluster only when the wait is over, so tests shorten it.
   */
  maxWaitTimeMs?: number;
}

export interface KafkaIntakeStatus {
  /** The inbound topics subscribed to. */
  topics: string[];
  recorded: number;
  rejected: number;
  lastError?: string;
}

/**
 * Partners' inbound topics into the intake's command path. Subscribes to the inbound topic of every
 * known partner (re-read every `partnersRefreshMs`: a consumer's subscription is fixed while it
 * runs, so a changed list restarts it), handles each record in partition order, produces a refusal
 * to the partner's rejected topic, and commits a record's offset only after its event was appended
 * or its refusal produced. A failure that is not the partner's is retried on the same record, so
 * nothing is skipped; a crash in between means a redelivery, which the intake's idempotency by
 * (`source`, `id`) absorbs.
 */
export class KafkaIntake {
  private readonly logger = new Logger('KafkaIntake');
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  private consumer?: Consumer;
  /** Aborted when the current consumer is replaced or stopped: its retries give up. */
  private retiring = new AbortController();
  /** A consumer still joining its group. */
  private joining?: Consumer;
  private consumerFailed = false;
  private producer?: Producer;
  /**
   * Inbound topic -> the partner that owns it. The topic is the sender's identity: this trust rests
   * on the broker's ACLs, which must let only that partner's principal write to it (see the
   * `kafka-setup` service in docker-compose.yml).
   */
  private owners = new Map<string, Publisher>();
  private state: KafkaIntakeStatus = { topics: [], recorded: 0, rejected: 0 };

  constructor(
    private readonly kafka: Kafka,
    private readonly partners: PartnerRegistry,
    private readonly handler: InboundRecordHandler,
    private readonly provisioner: TopicProvisioner,
    private readonly options: KafkaIntakeOptions,
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  /** Lets the record in hand finish (or gives up its retry), then leaves the group. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.retiring.abort();
    // A consumer still joining its group cannot leave before the join ends, which waits out the
    // session of a member that crashed: the shutdown does not wait for that. Nothing is lost by
    // it, since no offset is committed before its record was handled.
    void this.joining?.disconnect().catch(() => undefined);
    await Promise.race([this.running, sleep(STOP_WAIT_MS, undefined, { ref: false })]);
  }

  status(): KafkaIntakeStatus {
    return { ...this.state, topics: [...this.state.topics] };
  }

  private get signal(): AbortSignal {
    return this.stopping.signal;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.signal.aborted) {
      try {
        await this.follow();
        failures = 0;
        await pause(this.options.partnersRefreshMs ?? 30_000, this.signal);
      } catch (error) {
        failures += 1;
        this.state.lastError = (error as Error).message;
        const line = `intake: ${this.state.lastError}; retrying`;
        if (failures === 1) this.logger.warn(line);
        else this.logger.debug(line);
        await pause(backoffMs(failures, 10_000), this.signal);
      }
    }
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Subscribes to the inbound topics of the partners known now, if that changed. */
  private async follow(): Promise<void> {
    const partners = await this.partners.list();
    const owners = new Map(
      partners.map((partner) => [
        partnerTopics(this.options.topicPrefix, partner.id).inbound,
        { id: partner.id, kind: partner.kind },
      ]),
    );
    const topics = [...owners.keys()].sort();
    this.owners = owners;
    if (this.consumer && !this.consumerFailed && sameList(topics, this.state.topics)) return;

    await this.provisioner.ensure(
      partners.flatMap((partner) => {
        const { inbound, rejected } = partnerTopics(this.options.topicPrefix, partner.id);
        return [inbound, rejected];
      }),
    );
    // Leaving waits for the record in hand, whose retries give up now.
    this.retiring.abort();
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
    this.state.topics = [];
    if (topics.length === 0 || this.signal.aborted) return;

    const retiring = (this.retiring = new AbortController());
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      // Shorter than kafkajs's 30 s: a crashed process's partitions move on sooner.
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 5_000,
    });
    this.consumerFailed = false;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.state.lastError = payload.error.message;
      this.logger.warn(`intake consumer failed: ${payload.error.message}`);
      // kafkajs restarts the consumer itself after a retriable failure; otherwise we do.
      if (!payload.restart) this.consumerFailed = true;
    });
    this.joining = consumer;
    try {
      await consumer.connect();
      // From the beginning: a new partner's topic holds what it published before this subscription.
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: (payload) => this.consume(consumer, retiring.signal, payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    } finally {
      this.joining = undefined;
    }
    if (this.signal.aborted) {
      await consumer.disconnect().catch(() => undefined);
      return;
    }
    this.consumer = consumer;
    this.state.topics = topics;
    this.logger.log(
      `intake consuming ${topics.length} inbound topic(s) as ${this.options.groupId}`,
    );
  }

  private async consume(
    consumer: Consumer,
    retiring: AbortSignal,
    payload: EachMessagePayload,
  ): Promise<void> {
    const { topic, partition, message, heartbeat } = payload;
    const record: InboundRecord = { topic, partition, ...message };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const owner = this.owners.get(topic);
        // Revoked since the subscription: left uncommitted; the next subscription drops the topic.
        if (!owner) throw new Error(`no known partner owns ${topic}`);
        const outcome = await this.handler.handle(owner, record);
        if (outcome.recorded) this.state.recorded += 1;
        else await this.reject(record, owner, outcome);
        break;
      } catch (error) {
        this.state.lastError = (error as Error).message;
        const line = `intake: ${topic}/${partition}@${message.offset} failed (${this.state.lastError}); retrying`;
        if (attempt % 20 === 0) this.logger.warn(line);
        else this.logger.debug(line);
        await heartbeat().catch(() => undefined);
        await pause(backoffMs(attempt), retiring);
        // Uncommitted: whoever holds this partition next reads the record again.
        if (retiring.aborted) throw error;
      }
    }
    await consumer.commitOffsets([
      { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
    ]);
  }

  private async reject(
    record: InboundRecord,
    owner: Publisher,
    outcome: Extract<InboundOutcome, { recorded: false }>,
  ): Promise<void> {
    const message = rejectionRecord(record, outcome.event, outcome.refusal);
    try {
      this.producer ??= await this.openProducer();
      await this.producer.send({
        topic: partnerTopics(this.options.topicPrefix, owner.id).rejected,
        acks: -1,
        messages: [message],
      });
    } catch (error) {
      await this.producer?.disconnect().catch(() => undefined);
      this.producer = undefined;
      throw error;
    }
    this.state.rejected += 1;
  }

  private async openProducer(): Promise<Producer> {
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return producer;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
