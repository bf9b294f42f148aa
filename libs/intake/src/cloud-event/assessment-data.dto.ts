import { isZrmScore, type Rung, type ZrmScore } from '@samenloop/domain';
import { ValidateBy } from 'class-validator';
import type { WireData } from './cloud-event.types';
import { IsCode, IsFreeText, IsIdentifier, IsRung, Optional } from './field.rules';

/** Which life areas exist is the configured set's business (the decider); here only the shape. */
const IsScores = (): PropertyDecorator =>
  ValidateBy({
    name: 'isScores',
    validator: {
      validate: (value) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length > 0 &&
        Object.entries(value).every(
          ([code, score]) => code.length >= 1 && code.length <= 64 && isZrmScore(score),
        ),
      defaultMessage: () => '$property must map one or more life areas to a score 1-5',
    },
  });

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
