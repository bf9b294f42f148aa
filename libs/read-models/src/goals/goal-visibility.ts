import { countsFor } from '../projection/fact-audience';
import type { GoalEntity } from './goal.entity';

/**
 * A goal as a partner may count it: one whose closure the partner may not count (the client's
 * consent withdrawn before it) stays open for it, as its timeline shows no closure either.
 * `undefined` (auditors, or views that decide per event) sees the goal as it is.
 */
export function goalAsSeenBy(goal: GoalEntity, partnerId: string | undefined): GoalEntity {
  if (partnerId === undefined || countsFor(goal.closedAudience, partnerId)) return goal;
  return { ...goal, status: 'open', closedAt: null, closedAudience: null };
}
