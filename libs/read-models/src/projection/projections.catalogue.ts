import { caseloadProjection } from '../caseload/caseload.projection';
import { contactsProjection } from '../contacts/contact.projection';
import { goalsProjection } from '../goals/goal.projection';
import { ladderProjection } from '../ladder/ladder.projection';
import { lifeAreasProjection } from '../life-areas/life-area.projection';
import { referralsProjection } from '../referrals/referral.projection';
import { timelineProjection } from '../timeline/timeline.projection';
import type { Projection } from './projection';

/** Every read model fed by the log, each with its own checkpoint, version and lock. */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [
  timelineProjection,
  caseloadProjection,
  referralsProjection,
  goalsProjection,
  ladderProjection,
  lifeAreasProjection,
  contactsProjection,
];
