import type { Rung, ZrmScore } from '@samenloop/domain';
import type { WireData } from './cloud-event-types';
import { IsCode, IsFreeText, IsIdentifier, IsRung, IsScores, Optional } from './field.rules';

export class LifeAreasAssessedDataDto implements WireData<'nl.samenloop.life-areas-assessed.v1'> {
  /** ZRM-2017 when absent. */
  @Optional()
  @IsCode()
  instrument?: string;

  @IsScores()
  scores!: Record<string, ZrmScore>;
}

export class GoalSetDataDto implements WireData<'nl.samenloop.goal-set.v1'> {
  @IsIdentifier()
  goalId!: string;

  @IsCode()
  lifeArea!: string;

  @IsFreeText()
  description!: string;
}

/** goal-achieved and goal-abandoned. */
export class GoalClosedDataDto implements WireData<'nl.samenloop.goal-achieved.v1'> {
  @IsIdentifier()
  goalId!: string;

  @Optional()
  @IsFreeText()
  reason?: string;
}

export class LadderStepReachedDataDto implements WireData<'nl.samenloop.ladder-step-reached.v1'> {
  @IsRung()
  rung!: Rung;
}
