import type { CaseStep } from '../projection/case-step';
import { factAudience } from '../projection/fact-audience';
import type { Projection } from '../projection/projection';
import { insertOnce } from '../projection/row-fold';
import { LadderStepEntity } from './ladder-step.entity';

/** The rung an event measures: an enrolment's start rung or a step reached. */
export function ladderStepOf(step: CaseStep): LadderStepEntity[] {
  const { event } = step;
  const rung =
    event.type === 'nl.samenloop.client-enrolled.v1'
      ? event.data.startRung
      : event.type === 'nl.samenloop.ladder-step-reached.v1'
        ? event.data.rung
        : undefined;
  if (rung === undefined) return [];
  return [
    {
      position: step.position,
      clientId: step.clientId,
      rung,
      at: new Date(event.occurredAt),
      partnerId: event.partnerId,
      audience: factAudience(step),
    },
  ];
}

/** Every measurement on the participation ladder. */
export const ladderProjection: Projection = {
  name: 'ladder',
  version: 1,
  entities: [LadderStepEntity],
  prepare: async (steps, manager) =>
    insertOnce(manager, LadderStepEntity, steps.flatMap(ladderStepOf)),
};
