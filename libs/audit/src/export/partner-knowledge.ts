import { positionsOf } from '../access-log/access-disclosure';
import type { RecordedAccess } from '@samenloop/privacy';
import type { ExportedEvent, SubjectAccessReport } from './subject-access-report';

/** One moment a partner came to know something about the client. */
export interface PartnerMoment {
  at: string;
  /** `recorded` for its own events, else the access log's action (a delivery, a dashboard view). */
  action: string;
  /** The events it recorded or was given; none for a view of the dashboard. */
  events: ExportedEvent[];
  access?: RecordedAccess;
}

/**
 * Per partner, in the order they happened: the events it recorded itself, and every access the log
 * names it for, with the delivered positions resolved to the events they are.
 */
export function partnerKnowledge(report: SubjectAccessReport): Map<string, PartnerMoment[]> {
  const byPosition = new Map(report.events.map((event) => [event.position, event]));
  const moments = new Map<string, PartnerMoment[]>();
  const add = (partnerId: string, moment: PartnerMoment) =>
    moments.set(partnerId, [...(moments.get(partnerId) ?? []), moment]);

  for (const event of report.events) {
    add(event.partnerId, { at: event.recordedAt, action: 'recorded', events: [event] });
  }
  for (const access of report.accessLog) {
    if (access.partnerId === null) continue;
    const events = positionsOf(access).flatMap((position) => byPosition.get(position) ?? []);
    add(access.partnerId, { at: access.occurredAt, action: access.action, events, access });
  }
  for (const list of moments.values()) list.sort((a, b) => a.at.localeCompare(b.at));
  return new Map([...moments].sort(([a], [b]) => a.localeCompare(b)));
}
