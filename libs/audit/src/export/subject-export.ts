import { Injectable } from '@nestjs/common';
import type { ClientCaseEvent } from '@samenloop/domain';
import { EventStore } from '@samenloop/event-store';
import { AccessLog, KeyVault, openFreeText, Clock } from '@samenloop/privacy';
import { toCaseStateView } from '../replay/case-state.view';
import { loadClientHistory, type HistoricEvent } from '../replay/client-history';
import type { PersonView } from '../replay/client-person';
import { summariesOf } from '../replay/event-summaries';
import { timelineEntryOf } from '../replay/timeline-entry';
import type { ExportedEvent, SubjectAccessReport } from './subject-access-report';

@Injectable()
export class SubjectExport {
  constructor(
    private readonly store: EventStore,
    private readonly keyVault: KeyVault,
    private readonly accessLog: AccessLog,
    private readonly clock: Clock,
  ) {}

  async build(clientId: string): Promise<SubjectAccessReport> {
    const history = await loadClientHistory(this.store, this.keyVault, clientId);
    const { state, person } = history;
    const summaries = summariesOf(history.events);
    const status = !state.enrolled ? 'not-enrolled' : state.erased ? 'erased' : state.status;
    return {
      format: 'samenloop-subject-access-v1',
      generatedAt: this.clock.now().toISOString(),
      client: {
        clientId,
        status,
        person,
        references: state.enrolled ? Object.fromEntries(state.references) : {},
      },
      state: toCaseStateView(state, person),
      events: await Promise.all(
        history.events.map(async (historic, index) =>
          exported(
            historic,
            summaries[index]!,
            await this.opened(clientId, historic.event, person),
          ),
        ),
      ),
      accessLog: await this.accessLog.forClient(clientId),
    };
  }

  /**
   * The sealed ciphertext means nothing to the reader: the person and free text are shown opened
   * in its place, or as the redaction marker after erasure.
   */
  private async opened(clientId: string, event: ClientCaseEvent, person: PersonView) {
    const data = await openFreeText(
      this.keyVault,
      clientId,
      event.type,
      event.data as unknown as Record<string, unknown>,
    );
    return event.type === 'nl.samenloop.client-enrolled.v1' ? { ...data, person } : data;
  }
}

function exported(historic: HistoricEvent, summary: string, data: unknown): ExportedEvent {
  const subject = historic.recorded.metadata.subject;
  return {
    ...timelineEntryOf(historic, summary),
    ...(typeof subject === 'string' ? { subject } : {}),
    data,
  };
}
