import type { ClientCaseEvent } from '@samenloop/domain';
import type { Projection } from '../projection/projection';
import { asFolded, prepareRowFold, rowKey, type RowFold } from '../projection/row-fold';
import { ReferralEntity } from './referral.entity';

function referralIdOf(event: ClientCaseEvent): string | undefined {
  switch (event.type) {
    case 'nl.samenloop.referral-made.v1':
    case 'nl.samenloop.referral-accepted.v1':
    case 'nl.samenloop.referral-declined.v1':
    case 'nl.samenloop.referral-completed.v1':
    case 'nl.samenloop.referral-cancelled.v1':
      return event.data.referralId;
    default:
      return undefined;
  }
}

export const referralFold: RowFold<ReferralEntity> = {
  entity: ReferralEntity,
  key: ['clientId', 'referralId'],
  fold(rows, { clientId, event, after, position }) {
    const referralId = referralIdOf(event);
    // The status is the decider's: an answer it ignored (unknown referral) changes nothing.
    const referral = referralId && after.enrolled ? after.referrals.get(referralId) : undefined;
    if (!referral) return [];
    const previous = rows.get(rowKey([clientId, referralId]));
    const made = event.type === 'nl.samenloop.referral-made.v1';
    if (!made && !previous) return [];
    return [
      {
        clientId,
        referralId: referral.referralId,
        service: referral.service,
        fromPartner: referral.fromPartner,
        toPartner: referral.toPartner ?? null,
        status: referral.status,
        madeAt: made ? new Date(event.occurredAt) : previous!.madeAt,
        madePosition: made ? position : previous!.madePosition,
        position,
      },
    ];
  },
  complete: asFolded,
};

/** Every referral with where its loop stands; its age is reckoned when it is read. */
export const referralsProjection: Projection = {
  name: 'referrals',
  version: 1,
  entities: [ReferralEntity],
  prepare: (steps, manager) => prepareRowFold(referralFold, steps, manager),
};
