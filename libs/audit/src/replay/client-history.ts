import {
  clientStream,
  evolveAll,
  initialState,
  toClientCaseEvent,
  type ClientCaseEvent,
  type ClientCaseState,
} from '@samenloop/domain';
import type { EventStore, RecordedEvent } from '@samenloop/event-store';
import type { KeyVault } from '../key-vault/key-vault';
import { includes, type AsOf } from './as-of';
import type { PersonView, ClientPerson } from './client-person';

export interface HistoricEvent {
  recorded: RecordedEvent;
  event: ClientCaseEvent;
}

/** A client's stream up to a moment, with the state the decider's own `evolve` builds from it. */
export interface ClientHistory {
  clientId: string;
  events: HistoricEvent[];
  state: ClientCaseState;
  /** Decrypted now: after erasure it is the redaction marker, whatever the moment. */
  person: PersonView;
}

/**
 * Reads the client's stream through the store and keeps its prefix up to `asOf` (events stop at
 * the first one after the moment, so the state is one the hub really held). Times are the hub's
 * `recordedAt`, as in receipts and timelines. The same `evolve` as
 * the decider, which reads no clock: a replay today gives the original day's state.
 */
export async function loadClientHistory(
  store: EventStore,
  keyVault: KeyVault,
  clientId: string,
  asOf?: AsOf,
): Promise<ClientHistory> {
  const all = (await store.readStream(clientStream(clientId))).map((recorded) => ({
    recorded,
    event: toClientCaseEvent(recorded),
  }));
  const stop = all.findIndex(({ recorded, event }) => !includes(asOf, moment(recorded, event)));
  const events = stop < 0 ? all : all.slice(0, stop);
  const state = evolveAll(
    events.map(({ event }) => event),
    initialState,
  );
  return { clientId, events, state, person: await personOf(keyVault, clientId, events) };
}

/**
 * The event's place in time: its log position, and when the hub accepted it by its own clock (the
 * `recordedAt` partners got in their receipts), falling back on the store's time of writing.
 */
export function moment(
  recorded: RecordedEvent,
  event: ClientCaseEvent,
): { position: number; recordedAt: Date } {
  const accepted = new Date(event.recordedAt);
  return {
    position: recorded.position,
    recordedAt: Number.isNaN(accepted.getTime()) ? recorded.recordedAt : accepted,
  };
}

async function personOf(
  keyVault: KeyVault,
  clientId: string,
  events: readonly HistoricEvent[],
): Promise<PersonView> {
  const enrolment = events.find(({ event }) => event.type === 'nl.samenloop.client-enrolled.v1');
  if (enrolment?.event.type !== 'nl.samenloop.client-enrolled.v1') return null;
  return keyVault.decrypt<ClientPerson>(clientId, enrolment.event.data.person.sealed);
}
