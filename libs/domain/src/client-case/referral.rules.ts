import type { EventType } from '../catalogue/event-type.catalogue';
import type { PartnerCommand } from './client-case.command';
import { reject, type Rejection } from './client-case-rejection';
import type { EnrolledCase, ReferralState, ReferralStatus } from './client-case-state';

type StepType = EventType<
  'referral-accepted' | 'referral-declined' | 'referral-completed' | 'referral-cancelled'
>;

interface Step {
  by: 'responder' | 'referrer';
  from: readonly ReferralStatus[];
}

/** The closed loop: who may move a referral on, and from which status. */
const STEPS: Record<StepType, Step> = {
  'nl.samenloop.referral-accepted.v1': { by: 'responder', from: ['made'] },
  'nl.samenloop.referral-declined.v1': { by: 'responder', from: ['made'] },
  'nl.samenloop.referral-completed.v1': { by: 'responder', from: ['accepted'] },
  'nl.samenloop.referral-cancelled.v1': { by: 'referrer', from: ['made', 'accepted'] },
};

/**
 * Who answers for the service: its partner in the hub, else the referrer, who then reports what
 * the outside service did so that the loop still closes.
 */
function responderOf(referral: ReferralState): string {
  return referral.toPartner ?? referral.fromPartner;
}

interface Move {
  step: Step;
  referralId: string;
}

function moveOf(command: PartnerCommand): Move | undefined {
  switch (command.type) {
    case 'nl.samenloop.referral-accepted.v1':
    case 'nl.samenloop.referral-declined.v1':
    case 'nl.samenloop.referral-completed.v1':
    case 'nl.samenloop.referral-cancelled.v1':
      return { step: STEPS[command.type], referralId: command.data.referralId };
    default:
      return undefined;
  }
}

function moverOf(step: Step, referral: ReferralState): string {
  return step.by === 'responder' ? responderOf(referral) : referral.fromPartner;
}

/**
 * A partner may always move on the referrals it answers for or made: the referred partner accepts
 * before it is involved (accepting is what involves it), and a partner that left still closes its
 * loops.
 */
export function movesOwnReferral(command: PartnerCommand, state: EnrolledCase): boolean {
  const move = moveOf(command);
  if (!move) return false;
  const referral = state.referrals.get(move.referralId);
  return referral !== undefined && moverOf(move.step, referral) === command.partnerId;
}

export function referralRejection(
  command: PartnerCommand,
  state: EnrolledCase,
): Rejection | undefined {
  if (command.type === 'nl.samenloop.referral-made.v1') {
    const { referralId } = command.data;
    return state.referrals.has(referralId)
      ? reject('referral-state', `referral ${referralId} was already made`)
      : undefined;
  }
  const move = moveOf(command);
  return move && moveRejection(move, command.partnerId, state);
}

function moveRejection(
  { step, referralId }: Move,
  partnerId: string,
  state: EnrolledCase,
): Rejection | undefined {
  const referral = state.referrals.get(referralId);
  if (!referral) return reject('referral-state', `no referral ${referralId} was made`);
  const mover = moverOf(step, referral);
  if (partnerId !== mover) {
    return reject('referral-state', `only ${mover} may move referral ${referralId} on`);
  }
  return step.from.includes(referral.status)
    ? undefined
    : reject('referral-state', `referral ${referralId} is ${referral.status}`);
}
