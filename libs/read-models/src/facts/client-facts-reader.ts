import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { ContactEntity } from '../contacts/contact.entity';
import { READ_MODELS } from '../database/read-models-data-source';
import { GoalEntity } from '../goals/goal.entity';
import { goalAsSeenBy } from '../goals/goal-visibility';
import { LadderStepEntity } from '../ladder/ladder-step.entity';
import { LifeAreaAssessmentEntity } from '../life-areas/life-area-assessment.entity';
import { ReferralEntity } from '../referrals/referral.entity';

/** Whose figures: a partner sees the facts in its audience; `undefined` (auditors) sees all. */
export type Audience = string | undefined;

function byClient<R extends { clientId: string }>(
  clientIds: readonly string[],
  rows: R[],
): Map<string, R[]> {
  const grouped = new Map<string, R[]>(clientIds.map((id) => [id, []]));
  for (const row of rows) grouped.get(row.clientId)?.push(row);
  return grouped;
}

/**
 * The fact tables for a set of clients, one query per table however many clients: the caseload,
 * the client detail and the outcomes all read through here.
 */
@Injectable()
export class ClientFactsReader {
  constructor(
    @InjectRepository(LadderStepEntity, READ_MODELS)
    private readonly ladder: Repository<LadderStepEntity>,
    @InjectRepository(GoalEntity, READ_MODELS)
    private readonly goalRows: Repository<GoalEntity>,
    @InjectRepository(LifeAreaAssessmentEntity, READ_MODELS)
    private readonly assessmentRows: Repository<LifeAreaAssessmentEntity>,
    @InjectRepository(ReferralEntity, READ_MODELS)
    private readonly referralRows: Repository<ReferralEntity>,
    @InjectRepository(ContactEntity, READ_MODELS)
    private readonly contactRows: Repository<ContactEntity>,
  ) {}

  /** Ladder measurements, oldest first. */
  ladderSteps(
    clientIds: readonly string[],
    audience: Audience,
  ): Promise<Map<string, LadderStepEntity[]>> {
    return this.chronological(this.ladder, clientIds, audience);
  }

  /** Life-area assessments, oldest first. */
  assessments(
    clientIds: readonly string[],
    audience: Audience,
  ): Promise<Map<string, LifeAreaAssessmentEntity[]>> {
    return this.chronological(this.assessmentRows, clientIds, audience);
  }

  async goals(
    clientIds: readonly string[],
    audience: Audience,
  ): Promise<Map<string, GoalEntity[]>> {
    const query = this.forClients(this.goalRows, clientIds)
      .orderBy('f.setAt')
      .addOrderBy('f.goalId');
    const goals = await inAudience(query, audience).getMany();
    return byClient(
      clientIds,
      goals.map((goal) => goalAsSeenBy(goal, audience)),
    );
  }

  /** Referrals, oldest first. */
  async referrals(clientIds: readonly string[]): Promise<Map<string, ReferralEntity[]>> {
    const query = this.forClients(this.referralRows, clientIds).orderBy('f.madeAt');
    return byClient(clientIds, await query.getMany());
  }

  /** Attempts and visits, oldest first. */
  async contacts(clientIds: readonly string[]): Promise<Map<string, ContactEntity[]>> {
    const query = this.forClients(this.contactRows, clientIds)
      .orderBy('f.at')
      .addOrderBy('f.position');
    return byClient(clientIds, await query.getMany());
  }

  private async chronological<R extends ObjectLiteral & { clientId: string }>(
    repository: Repository<R>,
    clientIds: readonly string[],
    audience: Audience,
  ): Promise<Map<string, R[]>> {
    const query = this.forClients(repository, clientIds).orderBy('f.at').addOrderBy('f.position');
    return byClient(clientIds, await inAudience(query, audience).getMany());
  }

  private forClients<R extends ObjectLiteral>(
    repository: Repository<R>,
    clientIds: readonly string[],
  ): SelectQueryBuilder<R> {
    return repository.createQueryBuilder('f').where('f.clientId = ANY(:clientIds)', {
      clientIds: [...clientIds],
    });
  }
}

/** Facts under professional secrecy count only for their audience (see `factAudience`). */
function inAudience<R extends ObjectLiteral>(
  query: SelectQueryBuilder<R>,
  audience: Audience,
): SelectQueryBuilder<R> {
  return audience === undefined
    ? query
    : query.andWhere('(f.audience IS NULL OR :audience = ANY(f.audience))', { audience });
}
