/**
 * The peer, Emmett's PostgreSQL event store, in a process of its own: Emmett's connection layer
 * (dumbo) replaces `pg`'s global type parsers (int8 to BigInt, its own JSON parser), which would
 * otherwise also change how the store and the raw baseline parse rows in the main process.
 *
 * Appends go through `appendToStream`. The global log is read with `readMessagesBatch`, the public
 * function Emmett's own consumers pull with (over a dumbo pool's executor, as the consumer does),
 * called directly so that no polling delay of the consumer loop is counted.
 */
import { performance } from 'node:perf_hooks';
import { dumbo, type SQLExecutor } from '@event-driven-io/dumbo';
import type { Event } from '@event-driven-io/emmett';
import {
  getPostgreSQLEventStore,
  messagesTable,
  readLastMessageGlobalPosition,
  readMessagesBatch,
  type PostgresEventStore,
} from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import type { EventToAppend } from '@samenloop/event-store';
import type { PeerEnvelope, PeerReply, PeerRequest, PeerResults } from './store-peer-protocol';
import { benchEvents, timeAppends, timeLogRead } from './store-workload';

type PeerEvent = Event<string, Record<string, unknown>, Record<string, unknown>>;

interface Peer {
  pool: Pool;
  store: PostgresEventStore;
  execute: SQLExecutor;
}

let peer: Peer | undefined;
/** Streams of the log so far, so that a later fill appends to new streams. */
let logStreams = 0;

function connected(): Peer {
  if (!peer) throw new Error('the peer worker was not initialised');
  return peer;
}

function toPeerEvent(event: EventToAppend): PeerEvent {
  return {
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata ?? {},
  };
}

/** Throws on a version conflict, like the store; no expected version is given by either. */
async function appendEvents(stream: string, events: EventToAppend[]): Promise<void> {
  await connected().store.appendToStream(stream, events.map(toPeerEvent));
}

async function handle(request: PeerRequest): Promise<PeerResults[PeerRequest['op']]> {
  switch (request.op) {
    case 'init': {
      // Emmett's default pool would hold 10 connections; it gets the store's pool settings.
      const pool = new Pool({
        connectionString: request.url,
        max: request.poolSize,
        idleTimeoutMillis: 0,
      });
      pool.on('error', (error) => console.error(`[bench:store] peer pool: ${error.message}`));
      const store = getPostgreSQLEventStore(request.url, { connectionOptions: { pool } });
      await store.schema.migrate();
      const { execute } = dumbo({ connectionString: request.url, pool });
      peer = { pool, store, execute };
      return { messagesTable: messagesTable.name };
    }
    case 'append':
      return timeAppends(appendEvents, request.spec, request.tag);
    case 'fillLog': {
      if (request.fresh) {
        await connected().store.schema.dangerous.truncate({ resetSequences: true });
        logStreams = 0;
      }
      const calls = Math.ceil(request.events / request.eventsPerCall);
      const started = performance.now();
      await Promise.all(
        Array.from({ length: request.writers }, async (_, writer) => {
          for (let call = writer; call < calls; call += request.writers) {
            const stream = `log-s${logStreams + call}`;
            await appendEvents(stream, benchEvents(stream, 0, request.eventsPerCall));
          }
        }),
      );
      logStreams += calls;
      return performance.now() - started;
    }
    case 'readLog':
      return timeLogRead(
        0n,
        async (after) => {
          const batch = await readMessagesBatch(connected().execute, {
            after,
            batchSize: request.pageSize,
          });
          return { count: batch.messages.length, next: batch.currentGlobalPosition };
        },
        request.segment,
      );
    case 'sampleLog': {
      const { execute } = connected();
      let after = 0n;
      if (request.at === 'end') {
        const last = (await readLastMessageGlobalPosition(execute)).currentGlobalPosition ?? 0n;
        after = last - BigInt(request.pages * request.pageSize);
      }
      const started = performance.now();
      let events = 0;
      for (let page = 0; page < request.pages; page += 1) {
        const batch = await readMessagesBatch(execute, { after, batchSize: request.pageSize });
        if (batch.messages.length === 0) break;
        events += batch.messages.length;
        after = batch.currentGlobalPosition;
      }
      return { events, elapsedMs: performance.now() - started };
    }
    case 'close':
      if (peer) {
        await peer.store.close();
        await peer.pool.end();
        peer = undefined;
      }
      return null;
  }
}

process.on('message', (envelope: PeerEnvelope) => {
  const send = (reply: PeerReply) => process.send?.(reply);
  handle(envelope.request).then(
    (result) => {
      send({ id: envelope.id, ok: true, result });
      if (envelope.request.op === 'close') process.disconnect();
    },
    (error: unknown) =>
      send({
        id: envelope.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
