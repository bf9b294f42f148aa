import { ZRM_2017_LIFE_AREAS } from '@samenloop/domain';
import type { CaseStep } from '../projection/case-step';
import { factAudience } from '../projection/fact-audience';
import type { Projection } from '../projection/projection';
import { insertOnce } from '../projection/row-fold';
import { LifeAreaAssessmentEntity } from './life-area-assessment.entity';

export function assessmentOf(step: CaseStep): LifeAreaAssessmentEntity[] {
  const { event } = step;
  if (event.type !== 'nl.samenloop.life-areas-assessed.v1') return [];
  const { instrument, scores } = event.data;
  return [
    {
      position: step.position,
      clientId: step.clientId,
      instrument,
      at: new Date(event.occurredAt),
      partnerId: event.partnerId,
      scores: { ...scores },
      complete: ZRM_2017_LIFE_AREAS.every((area) => scores[area] !== undefined),
      audience: factAudience(step),
    },
  ];
}

/** Every life-area assessment; the latest score per area is taken when read. */
export const lifeAreasProjection: Projection = {
  name: 'life-areas',
  version: 1,
  entities: [LifeAreaAssessmentEntity],
  prepare: async (steps, manager) =>
    insertOnce(manager, LifeAreaAssessmentEntity, steps.flatMap(assessmentOf)),
};
