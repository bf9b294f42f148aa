import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DATA_CATEGORIES, type DataCategory } from '@samenloop/domain';
import type { Repository } from 'typeorm';
import { CaseloadClientEntity } from '../caseload/caseload-client.entity';
import type { Outcomes, OutcomesQuery } from '@samenloop/contracts';
import { READ_MODELS } from '../database/read-models-data-source';
import { ClientFactsReader } from '../facts/client-facts-reader';
import type { CaseLead, Viewer } from '@samenloop/identity';
import { ViewerAgreements } from '../viewer/viewer-agreements';
import { outcomesOf } from './outcomes-calc';

const DAY_MS = 86_400_000;
const NOTHING = new Map<string, never[]>();

/** Keeps, per client, the facts from before the end of the period. */
function until<T>(
  facts: Map<string, T[]>,
  end: Date | undefined,
  at: (fact: T) => Date,
): Map<string, T[]> {
  if (!end) return facts;
  return new Map([...facts].map(([id, list]) => [id, list.filter((fact) => at(fact) < end)]));
}

/**
 * Outcomes per municipality and period, computed when asked from the read models. The cohort is
 * the clients enrolled within the period; their facts count up to its last day. Auditors and
 * admins see every client; a case lead its partner's clients, with the facts its partner may see.
 */
@Injectable()
export class OutcomesQueries {
  constructor(
    @InjectRepository(CaseloadClientEntity, READ_MODELS)
    private readonly clients: Repository<CaseloadClientEntity>,
    private readonly facts: ClientFactsReader,
    private readonly agreements: ViewerAgreements,
  ) {}

  async outcomes(viewer: Viewer, query: OutcomesQuery): Promise<Outcomes> {
    const caseLead =
      viewer.role === 'case-lead' && viewer.partner ? (viewer as CaseLead) : undefined;
    const categories: ReadonlySet<DataCategory> = caseLead
      ? this.agreements.categoriesOf(caseLead)
      : new Set(DATA_CATEGORIES);
    const audience = caseLead?.partner.id;
    const start = query.from ? new Date(`${query.from}T00:00:00Z`) : undefined;
    const end = query.to
      ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS)
      : undefined;

    const cohort = this.clients.createQueryBuilder('c').select('c.clientId');
    if (audience) cohort.andWhere('c.involved @> ARRAY[:audience]::text[]', { audience });
    if (query.municipality)
      cohort.andWhere('c.municipality = :municipality', { municipality: query.municipality });
    if (start) cohort.andWhere('c.enrolledAt >= :start', { start });
    if (end) cohort.andWhere('c.enrolledAt < :end', { end });
    const clientIds = (await cohort.getMany()).map(({ clientId }) => clientId);

    const assessment = categories.has('assessment');
    const contact = categories.has('contact');
    const [ladder, goals, contacts, assessments] = await Promise.all([
      assessment ? this.facts.ladderSteps(clientIds, audience) : NOTHING,
      assessment ? this.facts.goals(clientIds, audience) : NOTHING,
      contact ? this.facts.contacts(clientIds) : NOTHING,
      assessment ? this.facts.assessments(clientIds, audience) : NOTHING,
    ]);
    const contactsThen = until(contacts, end, ({ at }) => at);
    const goalsThen = until(goals, end, ({ setAt }) => setAt);
    const figures = outcomesOf({
      clientIds,
      ladder: until(ladder, end, ({ at }) => at),
      // A goal reached after the period was still open at its end.
      goals: new Map(
        [...goalsThen].map(([id, list]) => [
          id,
          list.map((goal) => ({
            status: goal.closedAt && end && goal.closedAt >= end ? ('open' as const) : goal.status,
          })),
        ]),
      ),
      attempts: new Map(
        [...contactsThen].map(([id, list]) => [id, list.filter(({ kind }) => kind === 'attempt')]),
      ),
      visits: new Map(
        [...contactsThen].map(([id, list]) => [id, list.filter(({ kind }) => kind === 'visit')]),
      ),
      assessments: until(assessments, end, ({ at }) => at),
    });
    return {
      municipality: query.municipality ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      ...figures,
    };
  }
}
