import { Injectable } from '@nestjs/common';
import { clientStream, EVENT_CATEGORIES, isEventType } from '@samenloop/domain';
import { EventStore } from '@samenloop/event-store';
import type { AccessLogViewPage, Disclosure } from '../audit.contract';
import { channelOf } from '@samenloop/privacy';
import type { RecordedAccess, AccessLogPage } from '@samenloop/privacy';

/**
 * Resolves the positions an entry delivered to the events they are, by reading each client's
 * stream once per page (the log keeps positions only, so it never holds personal data).
 */
@Injectable()
export class AccessDisclosures {
  constructor(private readonly store: EventStore) {}

  async describe(page: AccessLogPage): Promise<AccessLogViewPage> {
    const types = await this.typesByPosition(page.entries);
    return {
      ...page,
      entries: page.entries.map((entry) => ({
        ...entry,
        channel: channelOf(entry.accessPoint),
        disclosed: disclosureOf(entry, types),
      })),
    };
  }

  private async typesByPosition(entries: readonly RecordedAccess[]): Promise<Map<number, string>> {
    const clients = new Set(
      entries.filter((entry) => positionsOf(entry).length > 0).map((entry) => entry.clientId!),
    );
    const types = new Map<number, string>();
    for (const clientId of clients) {
      for (const event of await this.store.readStream(clientStream(clientId))) {
        types.set(event.position, event.type);
      }
    }
    return types;
  }
}

function disclosureOf(entry: RecordedAccess, types: Map<number, string>): Disclosure | null {
  const positions = positionsOf(entry);
  if (positions.length === 0) return null;
  const delivered = [...new Set(positions.flatMap((position) => types.get(position) ?? []))];
  const categories = delivered.flatMap((type) =>
    isEventType(type) ? [EVENT_CATEGORIES[type].category] : [],
  );
  return { types: delivered.sort(), categories: [...new Set(categories)].sort() };
}

/** The delivered positions of an entry about one client; none for any other entry. */
export function positionsOf(entry: RecordedAccess): number[] {
  const positions = entry.detail?.positions;
  if (entry.clientId === null || !Array.isArray(positions)) return [];
  return positions.filter((p): p is number => typeof p === 'number');
}
