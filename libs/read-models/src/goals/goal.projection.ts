import { factAudience } from '../projection/fact-audience';
import type { Projection } from '../projection/projection';
import { asFolded, prepareRowFold, rowKey, type RowFold } from '../projection/row-fold';
import { GoalEntity } from './goal.entity';

export const goalFold: RowFold<GoalEntity> = {
  entity: GoalEntity,
  key: ['clientId', 'goalId'],
  fold(rows, step) {
    const { clientId, event, position } = step;
    switch (event.type) {
      case 'nl.samenloop.goal-set.v1': {
        const text = event.data.description;
        return [
          {
            clientId,
            goalId: event.data.goalId,
            lifeArea: event.data.lifeArea,
            description: typeof text === 'string' ? text : text.sealed,
            descriptionSealed: typeof text !== 'string',
            setBy: event.partnerId,
            setAt: new Date(event.occurredAt),
            setPosition: position,
            status: 'open',
            closedAt: null,
            audience: factAudience(step),
            closedAudience: null,
            position,
          },
        ];
      }
      case 'nl.samenloop.goal-achieved.v1':
      case 'nl.samenloop.goal-abandoned.v1': {
        const goal = rows.get(rowKey([clientId, event.data.goalId]));
        const status = event.type === 'nl.samenloop.goal-achieved.v1' ? 'achieved' : 'abandoned';
        if (!goal) return [];
        const closedAt = new Date(event.occurredAt);
        return [{ ...goal, status, closedAt, closedAudience: factAudience(step), position }];
      }
      case 'nl.samenloop.client-erased.v1':
        // The description is free text about the person: it goes with the erasure.
        return [...rows.values()].map((goal) => ({ ...goal, description: null, position }));
      default:
        return [];
    }
  },
  complete: asFolded,
};

/** Goals with their status: open, achieved or abandoned. */
export const goalsProjection: Projection = {
  name: 'goals',
  version: 2,
  entities: [GoalEntity],
  prepare: (steps, manager) => prepareRowFold(goalFold, steps, manager),
};
