import { Logger } from '@nestjs/common';
import { partnerTopics } from '@samenloop/contracts';
import {
  backoffMs,
  deliveryMetrics,
  LeadingWorker,
  pause,
  type Backlog,
  type SqlSession,
  type TopicProvisioner,
} from '@samenloop/platform';
import type { Kafka, TopicMessages } from 'kafkajs';
import type { DeliveryAccessLog } from '../../access/delivery-access-log';
import { correlationIdsOf } from '../../feed/correlation-ids';
import type { FeedEntry, PartnerFeed } from '../../feed/partner-feed-types';
import { binaryModeRecord } from './binary-mode-binding';
import { relayCheckpoints } from './relay-checkpoint.store';
import { produceRequests } from './produce-requests';
import { ReadAhead } from './read-ahead';
import { openRelayProducer, type OpenedProducer } from './relay-producer';

export interface KafkaRelayOptions {
  topicPrefix: string;
  /**
   * Names the checkpoint and the leadership lock: relays of one name share both, so only one of
   * them produces. Defaults to the topic prefix, so a new prefix starts from the feed's beginning.
   */
  name?: string;
  /** Feed entries per produce request (1,000): the access log and the checkpoint cost per batch. */
  batchSize?: number;
  /** The longest wait for new entries before reading again (the feed wakes the relay sooner). */
  idleWaitMs?: number;
  /** How often a standby instance tries to take over. */
  standbyRetryMs?: number;
}

export interface KafkaRelayStatus {
  name: string;
  leader: boolean;
  /** The last feed seq produced and checkpointed; null until read. */
  checkpoint: number | null;
  /** Whether the current producer is idempotent; null before the first one opened. */
  idempotent: boolean | null;
  lastError?: string;
}

/**
 * Produces the partner feed to Kafka, at least once and in feed order: reads `PartnerFeed.readAll`
 * after its checkpoint (a feed seq, in PostgreSQL), produces each batch to the partners' topics,
 * then moves the checkpoint. A failed produce is retried with back-off until it succeeds: nothing is ever skipped, and batches are produced one after another, so one client's
 * events reach its partition in order (a retry may repeat some; receivers dedupe by `ce_id`). Of
 * several instances with the same name only one produces; the others stand by. `stop` lets a produce
 * in flight finish (a retrying one gives up) and stores its checkpoint.
 */
export class KafkaRelay extends LeadingWorker {
  private readonly logger = new Logger('KafkaRelay');
  private readonly name: string;
  private readonly idempotence: { supported?: boolean } = {};
  private producer?: OpenedProducer;
  private readonly state: Omit<KafkaRelayStatus, 'leader'>;

  constructor(
    private readonly feed: PartnerFeed,
    private readonly accessLog: DeliveryAccessLog,
    sessions: () => Promise<SqlSession>,
    private readonly kafka: Kafka,
    private readonly topics: TopicProvisioner,
    private readonly options: KafkaRelayOptions,
  ) {
    const name = options.name ?? options.topicPrefix;
    super(sessions, {
      lock: `kafka-relay:${name}`,
      lagName: `kafka-relay:${name}`,
      standbyRetryMs: options.standbyRetryMs,
      onFailure: (error) => {
        this.state.lastError = error.message;
        this.logger.warn(`relay ${name}: ${error.message}; resuming from the checkpoint`);
      },
    });
    this.name = name;
    this.state = { name, checkpoint: null, idempotent: null };
  }

  status(): KafkaRelayStatus {
    return { ...this.state, leader: this.leader };
  }

  /** Feed entries not yet produced. */
  protected async backlog(limit: number): Promise<Backlog> {
    const { entries, oldestAt } = await this.feed.backlog(this.state.checkpoint ?? 0, limit);
    return { pending: entries, oldestAt };
  }

  protected async lead(session: SqlSession): Promise<void> {
    let saving: Promise<void> = Promise.resolve();
    let batches: ReadAhead<PreparedBatch> | undefined;
    try {
      let seq = await relayCheckpoints.read(session, this.name);
      this.state.checkpoint = seq;
      this.logger.log(`relay ${this.name} leads, resuming after feed seq ${seq}`);
      const batchSize = this.options.batchSize ?? 1_000;
      batches = new ReadAhead(
        (afterSeq) => this.feed.readAll(afterSeq, batchSize),
        (entries) => this.prepare(entries),
        seq,
      );
      while (!this.signal.aborted) {
        const batch = await batches.next();
        if (!batch) {
          await this.feed.waitForMore(seq, {
            signal: this.signal,
            timeoutMs: this.options.idleWaitMs ?? 5_000,
          });
          batches.restart(seq);
          continue;
        }
        if (!(await this.deliver(batch))) break;
        // The previous checkpoint write ran alongside this produce; one at a time, in order.
        await saving;
        saving = this.save(session, batch.last);
        seq = batch.last;
      }
      await saving;
    } finally {
      // Never leave a write behind on a session that is about to be released.
      await saving.catch(() => undefined);
      await batches?.settle();
      await this.producer?.producer.disconnect().catch(() => undefined);
      this.producer = undefined;
    }
  }

  /**
   * Entries made ready to produce: their topics exist (where the admin API allows), the access
   * log (NEN 7513) holds their disclosure, and their records are built. The log is written before
   * the produce, once however often the produce is retried; a relay that stops in between has
   * logged a batch that it produces (and logs again) after its restart.
   */
  private async prepare(entries: FeedEntry[]): Promise<PreparedBatch> {
    const perPartner = byPartner(this.options.topicPrefix, entries);
    await this.topics.ensure(perPartner.map(({ topic }) => topic));
    await this.accessLog.recordAll(
      perPartner.map(({ topic, partnerId, entries: disclosed }) => ({
        channel: 'kafka',
        partnerId,
        entries: disclosed,
        topic,
      })),
    );
    return {
      size: entries.length,
      last: entries[entries.length - 1]!.seq,
      partners: new Map(perPartner.map(({ topic, partnerId }) => [topic, partnerId])),
      correlation: correlationIdsOf(entries),
      requests: produceRequests(
        perPartner.map(({ topic, entries: partnerEntries }) => ({
          topic,
          messages: partnerEntries.map(binaryModeRecord),
        })),
      ),
    };
  }

  private save(session: SqlSession, seq: number): Promise<void> {
    const saving = relayCheckpoints.write(session, this.name, seq).then(() => {
      this.state.checkpoint = seq;
    });
    saving.catch(() => undefined);
    return saving;
  }

  /**
   * Produces the batch's requests one after another, each retried with back-off until the broker
   * takes it (a retry may repeat records of a request that half succeeded, never skip one);
   * false when stopped first.
   */
  private async deliver({
    size,
    requests,
    partners,
    correlation,
  }: PreparedBatch): Promise<boolean> {
    let attempt = 0;
    for (const topicMessages of requests) {
      for (;;) {
        try {
          this.producer ??= await openRelayProducer(this.kafka, this.idempotence, this.logger);
          this.state.idempotent = this.producer.idempotent;
          await this.producer.producer.sendBatch({ acks: -1, topicMessages });
          break;
        } catch (error) {
          for (const { topic } of topicMessages) {
            deliveryMetrics.failed('kafka', partners.get(topic) ?? 'unknown');
          }
          this.state.lastError = (error as Error).message;
          const line = `relay ${this.name}: producing ${size} event(s) failed (${this.state.lastError}); retrying; correlation ${correlation}`;
          if (attempt % 50 === 0) this.logger.warn(line);
          else this.logger.debug(line);
          // After a failure the producer's sequence state is uncertain: a fresh one starts clean.
          await this.producer?.producer.disconnect().catch(() => undefined);
          this.producer = undefined;
          await pause(backoffMs(attempt), this.signal);
          attempt += 1;
          if (this.signal.aborted) return false;
        }
      }
    }
    if (attempt > 0) {
      this.logger.log(`relay ${this.name}: producing again after ${attempt} failed attempt(s)`);
      this.state.lastError = undefined;
    }
    return true;
  }
}

interface PreparedBatch {
  size: number;
  /** The feed seq of its last entry: the checkpoint once produced. */
  last: number;
  /** The partner of each topic, for the failure metrics. */
  partners: ReadonlyMap<string, string>;
  /** The entries' correlation ids, for the log lines. */
  correlation: string;
  /** Sent one after another; a failed one is retried before the next. */
  requests: TopicMessages[][];
}

interface PartnerBatch {
  partnerId: string;
  topic: string;
  /** In feed order. */
  entries: FeedEntry[];
}

function byPartner(prefix: string, entries: readonly FeedEntry[]): PartnerBatch[] {
  const batches = new Map<string, PartnerBatch>();
  for (const entry of entries) {
    let batch = batches.get(entry.partnerId);
    if (!batch) {
      const topic = partnerTopics(prefix, entry.partnerId).events;
      batches.set(entry.partnerId, (batch = { partnerId: entry.partnerId, topic, entries: [] }));
    }
    batch.entries.push(entry);
  }
  return [...batches.values()];
}
