import type { EventName } from '@samenloop/domain';
import type { WireDataOf } from './cloud-event';
import type { PilotPartner } from './pilot-partners';

export interface AgendaEntry<N extends EventName = EventName> {
  /** Days since the enrolment. */
  day: number;
  partner: PilotPartner;
  name: N;
  data: WireDataOf<N>;
}

/**
 * One client's events on a day scale. The story is written phase by phase (outreach, then care,
 * then referrals) while the phases overlap in time, so the entries are sorted by day at the end;
 * an event that must follow another is always given a later day.
 */
export class Agenda {
  private readonly entries: AgendaEntry[] = [];

  add<N extends EventName>(day: number, partner: PilotPartner, name: N, data: WireDataOf<N>): void {
    // TypeScript cannot keep `name` and `data` paired inside a list of mixed entries.
    this.entries.push({ day, partner, name, data } as AgendaEntry);
  }

  get lastDay(): number {
    return Math.max(0, ...this.entries.map(({ day }) => day));
  }

  /** By day; entries of the same day keep the order they were added in (sort is stable). */
  ordered(): AgendaEntry[] {
    return [...this.entries].sort((a, b) => a.day - b.day);
  }
}
