import type { PartnerCommand } from './client-case.command';
import { reject, type Rejection } from './client-case-rejection';
import type { EnrolledCase } from './client-case-state';
import { movesOwnReferral } from './referral.rules';

/** A signal is how a partner becomes involved; referral loops have their own movers. */
export function involvementRejection(
  command: PartnerCommand,
  state: EnrolledCase,
): Rejection | undefined {
  const { partnerId } = command;
  if (
    command.type === 'nl.samenloop.involvement-signalled.v1' ||
    movesOwnReferral(command, state) ||
    state.involved.has(partnerId)
  ) {
    return undefined;
  }
  return reject('not-involved', `partner ${partnerId} is not involved with this client`);
}

/** The enrolling municipality and the current lead steer the case. */
function steers(partnerId: string, state: EnrolledCase): boolean {
  return partnerId === state.enrollingPartner || partnerId === state.lead?.partner;
}

/** Types that only some of the involved partners may publish. */
export function roleRejection(command: PartnerCommand, state: EnrolledCase): Rejection | undefined {
  const { partnerId } = command;
  switch (command.type) {
    case 'nl.samenloop.involvement-confirmed.v1':
      return partnerId === state.enrollingPartner
        ? undefined
        : reject('type-not-allowed', 'only the enrolling municipality confirms a match');
    case 'nl.samenloop.case-lead-assigned.v1':
    case 'nl.samenloop.case-closed.v1':
      return steers(partnerId, state)
        ? undefined
        : reject(
            'type-not-allowed',
            'only the enrolling municipality or the case lead may do this',
          );
    case 'nl.samenloop.involvement-ended.v1':
      // Either would leave the case without anyone accountable for it.
      if (partnerId === state.enrollingPartner) {
        return reject(
          'type-not-allowed',
          'the enrolling municipality stays involved; close the case instead',
        );
      }
      return partnerId === state.lead?.partner
        ? reject('type-not-allowed', 'the case lead must hand over the lead before leaving')
        : undefined;
    default:
      return undefined;
  }
}

/** Only a match still waiting can be confirmed: the partner's own signal, not yet vouched for. */
export function confirmationRejection(
  command: PartnerCommand,
  state: EnrolledCase,
): Rejection | undefined {
  if (command.type !== 'nl.samenloop.involvement-confirmed.v1') return undefined;
  const { partner } = command.data;
  return state.unconfirmed.has(partner)
    ? undefined
    : reject('match-not-pending', `partner ${partner} has no match awaiting confirmation`);
}

export function leadRejection(command: PartnerCommand, state: EnrolledCase): Rejection | undefined {
  if (command.type !== 'nl.samenloop.case-lead-assigned.v1') return undefined;
  const { leadPartner } = command.data;
  return state.involved.has(leadPartner)
    ? undefined
    : reject('lead-not-involved', `partner ${leadPartner} is not involved with this client`);
}
