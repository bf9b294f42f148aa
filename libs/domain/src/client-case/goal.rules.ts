import type { PartnerCommand } from './client-case.command';
import { reject, type Rejection } from './client-case-rejection';
import type { EnrolledCase } from './client-case-state';

export function goalRejection(command: PartnerCommand, state: EnrolledCase): Rejection | undefined {
  switch (command.type) {
    case 'nl.samenloop.goal-set.v1': {
      const { goalId } = command.data;
      return state.goals.has(goalId)
        ? reject('goal-state', `goal ${goalId} was already set`)
        : undefined;
    }
    case 'nl.samenloop.goal-achieved.v1':
    case 'nl.samenloop.goal-abandoned.v1': {
      const { goalId } = command.data;
      const goal = state.goals.get(goalId);
      if (!goal) return reject('goal-state', `no goal ${goalId} was set`);
      return goal.status === 'open'
        ? undefined
        : reject('goal-state', `goal ${goalId} is ${goal.status}`);
    }
    default:
      return undefined;
  }
}
