import { Injectable } from '@nestjs/common';
import type { DataCategory } from '@samenloop/domain';
import { ClientFactsReader } from '../facts/client-facts-reader';
import { signalsOf, type Signal } from '../signals/signal.rules';
import { SIGNAL_CATEGORY } from '../signals/signal.view';
import type { CaseloadPageClient } from './caseload-selection';
import { countableBy } from './caseload-ladder';
import { storedSignalFacts } from './caseload-signal-facts';

/** What the caseload shows of a client beyond its row, as far as the viewer may see it. */
export interface ClientSummary {
  client: CaseloadPageClient;
  signals: Signal[];
  firstRung?: number;
  currentRung?: number;
  openGoals: number;
  reachedGoals: number;
}

export interface SummaryScope {
  /** The viewer's partner: figures under professional secrecy count only in their audience. */
  partnerId: string;
  /** What the viewer's agreement lets it see. */
  categories: ReadonlySet<DataCategory>;
  now: Date;
}

/**
 * Signals and assessment figures of many clients at once: the signals and rungs from the facts
 * their caseload rows keep (as the caseload's SQL filters and sorts them), goals in one query.
 */
@Injectable()
export class ClientSummaries {
  constructor(private readonly facts: ClientFactsReader) {}

  async of(clients: readonly CaseloadPageClient[], scope: SummaryScope): Promise<ClientSummary[]> {
    const assessment = scope.categories.has('assessment');
    const goals = assessment
      ? await this.facts.goals(
          clients.map(({ clientId }) => clientId),
          scope.partnerId,
        )
      : undefined;
    return clients.map((client) => {
      const steps = assessment ? countableBy(client.ladder, scope.partnerId) : [];
      const clientGoals = goals?.get(client.clientId) ?? [];
      return {
        client,
        signals: signalsOf(storedSignalFacts(client), scope.now).filter((signal) =>
          scope.categories.has(SIGNAL_CATEGORY[signal.rule]),
        ),
        firstRung: steps[0]?.rung,
        currentRung: steps[steps.length - 1]?.rung,
        openGoals: clientGoals.filter(({ status }) => status === 'open').length,
        reachedGoals: clientGoals.filter(({ status }) => status === 'achieved').length,
      };
    });
  }
}
