import { DATA_CATEGORIES, isHubIssued, type DataCategory } from '@samenloop/domain';
import { entitlementFor, type SharingAgreement } from '@samenloop/sharing';
import {
  caseSteps,
  enrolment,
  event,
  GGZ,
  MUNICIPALITY,
  WELFARE,
  WORK,
  type TestPartner,
} from '../projection/case-steps.spec-helper';
import { timelineEntryOf } from '../timeline/timeline.projection';
import type { CaseLead } from '@samenloop/identity';
import { eventAccess, RESTRICTED, type EventAccess } from './event-access';

const GONE: TestPartner = { id: 'revoked-ggz', kind: 'mental-health' };
const KINDS = new Map([MUNICIPALITY, GGZ, WORK, WELFARE].map(({ id, kind }) => [id, kind]));

const agreement = (
  categories: readonly DataCategory[],
  identityOnMatch?: SharingAgreement['identityOnMatch'],
): SharingAgreement => ({
  agreementVersion: 'test',
  categories: [...categories],
  legalBasis: 'test',
  purpose: 'test',
  ...(identityOnMatch ? { identityOnMatch } : {}),
});

const AGREEMENTS: (SharingAgreement | undefined)[] = [
  agreement(DATA_CATEGORIES),
  agreement(['identity', 'involvement', 'contact', 'assessment', 'referral']),
  agreement(['involvement', 'contact', 'referral']),
  agreement(DATA_CATEGORIES, 'after-confirmation'),
  undefined,
];

/** Consent given, used, withdrawn and given again; a match awaiting confirmation; the hub. */
const story = [
  enrolment('2025-03-01T09:00:00.000Z'),
  event(GGZ, 'involvement-signalled', {}),
  event(WORK, 'involvement-signalled', {}),
  event(WELFARE, 'involvement-signalled', {}),
  event(GONE, 'involvement-signalled', {}),
  event(GGZ, 'life-areas-assessed', { instrument: 'ZRM-2017', scores: { finances: 2 } }),
  event(GGZ, 'consent-granted', {
    toPartner: MUNICIPALITY.id,
    categories: ['assessment', 'content'],
  }),
  event(GGZ, 'goal-set', { goalId: 'g1', lifeArea: 'finances', description: 'Schulden' }),
  event(GGZ, 'consent-granted', { toPartner: WORK.id, categories: ['assessment'] }),
  event(GGZ, 'goal-set', { goalId: 'g2', lifeArea: 'time-use', description: 'Koffie' }),
  event(GGZ, 'ladder-step-reached', { rung: 3 }),
  event(GGZ, 'consent-withdrawn', { toPartner: MUNICIPALITY.id, categories: ['assessment'] }),
  event(GGZ, 'ladder-step-reached', { rung: 4 }),
  event(GONE, 'ladder-step-reached', { rung: 2 }),
  event(GONE, 'visit-held', { location: 'home', lifeAreasDiscussed: [] }),
  event(MUNICIPALITY, 'case-lead-assigned', { leadPartner: GGZ.id, leadActor: 'emp-7' }),
  event(WORK, 'visit-held', { location: 'office', lifeAreasDiscussed: ['work'], notes: 'Goed' }),
  event(MUNICIPALITY, 'referral-made', { referralId: 'r1', service: 'debt-help' }),
  event(MUNICIPALITY, 'involvement-confirmed', { partner: WELFARE.id }),
  event(WELFARE, 'involvement-ended', {}),
  event(WELFARE, 'involvement-signalled', {}),
];

const viewer = ({ id, kind }: TestPartner): CaseLead => ({
  username: `lead@${id}`,
  displayName: id,
  role: 'case-lead',
  partner: { id, kind, name: id },
});

/** The decision as it was made before: the stream replayed, the policy asked about each event. */
function replayed(
  lead: CaseLead,
  step: ReturnType<typeof caseSteps>[number],
  now: typeof step.after,
  agreementInForce: SharingAgreement | undefined,
): EventAccess {
  if (step.event.partnerId === lead.partner.id) return { readable: true, omitFields: [] };
  const senderKind = KINDS.get(step.event.partnerId);
  if (senderKind === undefined && !isHubIssued(step.event)) return RESTRICTED;
  const entitled = entitlementFor({
    receiver: lead.partner,
    event: step.event,
    stateBefore: step.before,
    stateAfter: now,
    senderKind,
    agreement: agreementInForce,
  });
  return entitled.deliver ? { readable: true, omitFields: entitled.omitFields } : RESTRICTED;
}

describe('what a case lead may read of an event, from the timeline row', () => {
  const steps = caseSteps('c1', story);
  const now = steps[steps.length - 1]!.after;
  // The revoked partner was registered while its events were projected, not when they are read.
  const projected = steps.map((step) =>
    timelineEntryOf(step.event.partnerId === GONE.id ? { ...step, senderKind: GONE.kind } : step),
  );

  it.each([MUNICIPALITY, GGZ, WORK, WELFARE])(
    'gives %j under every agreement what the policy gave on the replayed stream',
    (partner) => {
      const lead = viewer(partner);
      if (!now.enrolled) throw new Error('the story enrols the client');
      for (const agreementInForce of AGREEMENTS) {
        const stored = projected.map((entry) =>
          eventAccess({
            viewer: lead,
            event: entry,
            senderKind: KINDS.get(entry.partnerId),
            agreement: agreementInForce,
            unconfirmed: now.unconfirmed.has(partner.id),
          }),
        );
        const expected = steps.map((step) => replayed(lead, step, now, agreementInForce));
        expect({ agreementInForce, stored }).toEqual({ agreementInForce, stored: expected });
      }
    },
  );

  it('tells apart what consent, its withdrawal and the agreement allow', () => {
    const readable = (partner: TestPartner, agreementInForce = AGREEMENTS[0]) =>
      projected.map(
        (entry) =>
          eventAccess({
            viewer: viewer(partner),
            event: entry,
            senderKind: KINDS.get(entry.partnerId),
            agreement: agreementInForce,
            unconfirmed: false,
          }).readable,
      );
    const ladder = [10, 12].map((index) => projected[index]!.position);
    const at = (flags: boolean[], position: number) =>
      flags[projected.findIndex((entry) => entry.position === position)];
    expect(ladder.map((position) => at(readable(MUNICIPALITY), position))).toEqual([true, false]);
    expect(ladder.map((position) => at(readable(WORK), position))).toEqual([true, true]);
    expect(ladder.map((position) => at(readable(WORK, AGREEMENTS[2]), position))).toEqual([
      false,
      false,
    ]);
    expect(readable(MUNICIPALITY).slice(13, 15)).toEqual([false, false]);
  });

  it('keeps the events of a sender whose kind was unknown when projected from everyone else', () => {
    const [entry] = caseSteps('c2', [enrolment(), event(GONE, 'involvement-signalled', {})])
      .slice(1)
      .map(timelineEntryOf);
    expect(entry!.secrecy).toBeNull();
    expect(
      eventAccess({
        viewer: viewer(MUNICIPALITY),
        event: entry!,
        senderKind: GONE.kind,
        agreement: AGREEMENTS[0],
        unconfirmed: false,
      }),
    ).toEqual(RESTRICTED);
  });
});
