import { Injectable } from '@nestjs/common';
import { EventStore } from '@samenloop/event-store';
import { KeyVault } from '@samenloop/privacy';
import type { PartnerSight, ReplayView } from '../audit.contract';

export type { ReplayTimelineEntry, ReplayView } from '../audit.contract';
import { describeAsOf, type AsOf } from './as-of';
import { toCaseStateView } from './case-state.view';
import { loadClientHistory, moment, type ClientHistory } from './client-history';
import { summariesOf } from './event-summaries';
import { timelineEntryOf } from './timeline-entry';

@Injectable()
export class ClientReplay {
  constructor(
    private readonly store: EventStore,
    private readonly keyVault: KeyVault,
  ) {}

  async replay(
    clientId: string,
    asOf?: AsOf,
    sight?: (history: ClientHistory) => PartnerSight[],
  ): Promise<ReplayView> {
    const history = await loadClientHistory(this.store, this.keyVault, clientId, asOf);
    const last = history.events.at(-1);
    const summaries = summariesOf(history.events);
    return {
      clientId,
      asOf: describeAsOf(asOf),
      revision: last?.recorded.revision ?? null,
      position: last?.recorded.position ?? null,
      recordedAt: last ? moment(last.recorded, last.event).recordedAt.toISOString() : null,
      state: toCaseStateView(history.state, history.person),
      timeline: history.events.map((historic, index) =>
        timelineEntryOf(historic, summaries[index]!),
      ),
      ...(sight ? { partners: sight(history) } : {}),
    };
  }
}
