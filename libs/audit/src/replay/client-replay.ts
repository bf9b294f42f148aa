import { Injectable } from '@nestjs/common';
import { EventStore } from '@samenloop/event-store';
import { KeyVault } from '../key-vault/key-vault';
import { describeAsOf, type AsOf, type AsOfClock } from './as-of';
import { toCaseStateView, type CaseStateView } from './case-state.view';
import { loadClientHistory, moment } from './client-history';
import { summarise } from './timeline.summary';

export interface ReplayTimelineEntry {
  position: number;
  revision: number;
  recordedAt: string;
  occurredAt: string;
  type: string;
  partnerId: string;
  actor?: string;
  summary: string;
}

/** A client's case as the hub held it at a moment: its state and the timeline that led there. */
export interface ReplayView {
  clientId: string;
  asOf: { position?: number; time?: string; by?: AsOfClock } | null;
  /** The last event included; null when the hub held nothing about the client yet. */
  revision: number | null;
  position: number | null;
  recordedAt: string | null;
  state: CaseStateView;
  timeline: ReplayTimelineEntry[];
}

@Injectable()
export class ClientReplay {
  constructor(
    private readonly store: EventStore,
    private readonly keyVault: KeyVault,
  ) {}

  async replay(clientId: string, asOf?: AsOf): Promise<ReplayView> {
    const history = await loadClientHistory(this.store, this.keyVault, clientId, asOf);
    const last = history.events.at(-1);
    return {
      clientId,
      asOf: describeAsOf(asOf),
      revision: last?.recorded.revision ?? null,
      position: last?.recorded.position ?? null,
      recordedAt: last ? moment(last.recorded, last.event).recordedAt.toISOString() : null,
      state: toCaseStateView(history.state, history.person),
      timeline: history.events.map(({ recorded, event }) => ({
        position: recorded.position,
        revision: recorded.revision,
        recordedAt: moment(recorded, event).recordedAt.toISOString(),
        occurredAt: event.occurredAt,
        type: event.type,
        partnerId: event.partnerId,
        ...(event.actor === undefined ? {} : { actor: event.actor }),
        summary: summarise(event),
      })),
    };
  }
}
