import { Injectable } from '@nestjs/common';
import type { DataCategory } from '@samenloop/domain';
import { ClientFactsReader } from '../facts/client-facts.reader';
import { signalFactsOf, visitsWorthReading } from '../signals/signal.facts';
import { signalsOf, type Signal } from '../signals/signal.rules';
import { SIGNAL_CATEGORY } from '../signals/signal.view';
import type { CaseloadClientEntity } from './caseload-client.entity';

/** What the caseload shows of a client beyond its row, as far as the viewer may see it. */
export interface ClientSummary {
  client: CaseloadClientEntity;
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

/** Signals and assessment figures of many clients at once: a fixed number of queries. */
@Injectable()
export class ClientSummaries {
  constructor(private readonly facts: ClientFactsReader) {}

  async of(
    clients: readonly CaseloadClientEntity[],
    scope: SummaryScope,
  ): Promise<ClientSummary[]> {
    const ids = clients.map(({ clientId }) => clientId);
    const assessment = scope.categories.has('assessment');
    const [ladder, goals, referrals, visits] = await Promise.all([
      assessment ? this.facts.ladderSteps(ids, scope.partnerId) : undefined,
      assessment ? this.facts.goals(ids, scope.partnerId) : undefined,
      this.facts.referrals(ids, { unanswered: true }),
      this.facts.contacts(ids, { kind: 'visit', since: visitsWorthReading(scope.now) }),
    ]);
    return clients.map((client) => {
      const id = client.clientId;
      const facts = signalFactsOf(client, referrals.get(id)!, visits.get(id)!);
      const steps = ladder?.get(id) ?? [];
      const clientGoals = goals?.get(id) ?? [];
      return {
        client,
        signals: signalsOf(facts, scope.now).filter((signal) =>
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
