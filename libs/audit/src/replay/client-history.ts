import {
  clientStream,
  evolve,
  initialState,
  toClientCaseEvent,
  type ClientCaseEvent,
  type ClientCaseState,
} from '@samenloop/domain';
import type { EventStore, RecordedEvent } from '@samenloop/event-store';
import type { KeyVault } from '@samenloop/privacy';
import { includes, keepsPrefix, type AsOf, type EventMoment } from './as-of';
import type { PersonView, ClientPerson } from './client-person';

export interface HistoricEvent {
  recorded: RecordedEvent;
  event: ClientCaseEvent;
}

/** An event of the history with the case just after it. */
export interface ReplayedEvent extends HistoricEvent {
  after: ClientCaseState;
}

/**
 * A client's stream up to a moment, with the states the decider's own `evolve` builds from it: after
 * each event, and the last.
 */
export interface ClientHistory {
  clientId: string;
  events: ReplayedEvent[];
  state: ClientCaseState;
  /** Decrypted now: after erasure it is the redaction marker, whatever the moment. */
  person: PersonView;
}

/**
 * Reads the client's stream through the store and keeps the events `asOf` includes. By position or
 * recorded time that is a prefix (events stop at the first one after the moment, so the state is
 * one the hub really held); by happened time, every event that took place by then, in the stream's
 * order. The same `evolve` as the decider, which reads no clock: a replay today gives the original
 * day's state.
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
  const included = ({ recorded, event }: HistoricEvent) => includes(asOf, moment(recorded, event));
  const stop = all.findIndex((historic) => !included(historic));
  const prefix = stop < 0 ? all : all.slice(0, stop);
  let state = initialState;
  const events = (keepsPrefix(asOf) ? prefix : all.filter(included)).map((historic) => {
    state = evolve(state, historic.event);
    return { ...historic, after: state };
  });
  return { clientId, events, state, person: await personOf(keyVault, clientId, events) };
}

/**
 * The event's place in time: its log position, when the hub accepted it by its own clock (the
 * `recordedAt` partners got in their receipts, falling back on the store's time of writing), and
 * when it happened by the partner's word (`occurredAt`).
 */
export function moment(recorded: RecordedEvent, event: ClientCaseEvent): EventMoment {
  const accepted = new Date(event.recordedAt);
  return {
    position: recorded.position,
    recordedAt: Number.isNaN(accepted.getTime()) ? recorded.recordedAt : accepted,
    occurredAt: new Date(event.occurredAt),
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
