import { publishRejection } from '../partners/publish.policy';
import type { ClientCaseCommand, PartnerCommand } from './client-case.command';
import { ADMIN_PARTNER_ID, clientCaseEvent, type ClientCaseEvent } from './client-case-event';
import { evolve } from './client-case-evolve';
import { reject, type Rejection } from './client-case-rejection';
import { defaultCaseRules, type CaseRules } from './client-case.rules';
import { initialState, type ClientCaseState, type EnrolledCase } from './client-case-state';
import { invalidData } from './data.rules';
import { goalRejection } from './goal.rules';
import {
  confirmationRejection,
  involvementRejection,
  leadRejection,
  roleRejection,
} from './involvement.rules';
import { referralRejection } from './referral.rules';

export type Decision =
  { ok: true; events: ClientCaseEvent[] } | { ok: false; rejection: Rejection };

/**
 * Checks run from what reveals nothing about the client (kind, data) to what does (existence,
 * involvement, then the case's own state), so a partner cannot probe a case it is not part of.
 * Every accepted command becomes exactly one event: the sender's id is what dedupes a resend.
 */
export function decide(
  command: ClientCaseCommand,
  state: ClientCaseState,
  rules: CaseRules = defaultCaseRules,
): Decision {
  const rejection =
    'issuedBy' in command ? erasureRejection(state) : partnerRejection(command, state, rules);
  return rejection ? { ok: false, rejection } : { ok: true, events: [toEvent(command)] };
}

export const clientCaseDecider = { initialState, evolve, decide };

function partnerRejection(
  command: PartnerCommand,
  state: ClientCaseState,
  rules: CaseRules,
): Rejection | undefined {
  const early = publishRejection(command.partnerKind, command.type) ?? invalidData(command, rules);
  if (early) return early;
  if (command.type === 'nl.samenloop.client-enrolled.v1') {
    return state.enrolled
      ? reject('already-enrolled', 'this client is already enrolled')
      : undefined;
  }
  if (!isKnown(state)) return unknownClient();
  return (
    involvementRejection(command, state) ??
    closedRejection(command, state) ??
    roleRejection(command, state) ??
    referralRejection(command, state) ??
    goalRejection(command, state) ??
    leadRejection(command, state) ??
    confirmationRejection(command, state)
  );
}

function closedRejection(command: PartnerCommand, state: EnrolledCase): Rejection | undefined {
  // Withdrawing consent is the person's right at any time, also after the case closed.
  return state.status === 'closed' && command.type !== 'nl.samenloop.consent-withdrawn.v1'
    ? reject('case-closed', 'the case is closed')
    : undefined;
}

/** Erasure must always remain possible, whatever the case's state. */
function erasureRejection(state: ClientCaseState): Rejection | undefined {
  return isKnown(state) ? undefined : unknownClient();
}

/** An erased client is gone for everyone, the administrator included. */
function isKnown(state: ClientCaseState): state is EnrolledCase {
  return state.enrolled && !state.erased;
}

function unknownClient(): Rejection {
  return reject('unknown-client', 'no such client');
}

function toEvent(command: ClientCaseCommand): ClientCaseEvent {
  const partnerId = 'issuedBy' in command ? ADMIN_PARTNER_ID : command.partnerId;
  return clientCaseEvent({ ...command, partnerId });
}
