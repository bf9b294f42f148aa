import { evolveAll, type ClientCaseState } from '@samenloop/domain';
import { parseSharingAgreements } from '../agreements/agreement-loader';
import type { EntitlementQuestion } from './entitlement';
import { entitlementFor } from './entitlement.policy';
import {
  ADMIN,
  AGREEMENTS,
  enrolment,
  entitlement,
  EVERYONE_INVOLVED,
  GGZ,
  GP,
  HOUSING,
  MUNICIPALITY,
  PARTNERS,
  sample,
  stored,
  WELFARE,
  WORK,
} from './entitlement.spec-helper';

const JUST_ENROLLED = evolveAll([enrolment]);
const WITH_GGZ = evolveAll([stored(GGZ, 'involvement-signalled', {})], JUST_ENROLLED);

function granted(categories: ('assessment' | 'content')[], to = MUNICIPALITY, from = GGZ) {
  return stored(from, 'consent-granted', { toPartner: to.id, categories });
}

describe('involvement', () => {
  it('keeps a client from a partner that is not involved with it', () => {
    const visit = sample(MUNICIPALITY, 'visit-held');
    expect(entitlement(GGZ, visit, JUST_ENROLLED)).toEqual({
      deliver: false,
      reason: 'not-concerned',
    });
  });

  it('stops at the end of a partner’s involvement', () => {
    const left = evolveAll([stored(WORK, 'involvement-ended', {})], EVERYONE_INVOLVED);
    expect(entitlement(WORK, sample(MUNICIPALITY, 'contact-attempted'), left)).toMatchObject({
      deliver: false,
      reason: 'not-concerned',
    });
  });

  it('tells the others that a partner leaves', () => {
    expect(
      entitlement(MUNICIPALITY, stored(WORK, 'involvement-ended', {}), EVERYONE_INVOLVED),
    ).toMatchObject({ deliver: true });
  });

  it('tells a partner made case lead, involved only after the event', () => {
    const lead = stored(MUNICIPALITY, 'case-lead-assigned', {
      leadPartner: WORK.id,
      leadActor: 'emp-9',
    });
    expect(entitlement(WORK, lead, JUST_ENROLLED)).toMatchObject({ deliver: true });
  });

  it('does not send a partner its own event back', () => {
    expect(entitlement(GGZ, sample(GGZ, 'contact-attempted'))).toEqual({
      deliver: false,
      reason: 'own-event',
    });
  });
});

describe('referrals and consent reach the partner they name', () => {
  const referral = stored(MUNICIPALITY, 'referral-made', {
    referralId: 'ref-9',
    service: 'housing',
    toPartner: HOUSING.id,
    reason: 'rent arrears',
  });

  it('sends a referral to its partner before it is involved, within its agreement', () => {
    expect(entitlement(HOUSING, referral, JUST_ENROLLED)).toMatchObject({
      deliver: true,
      categories: ['referral'],
      omitFields: ['reason'],
    });
    expect(entitlement(WELFARE, referral, JUST_ENROLLED)).toMatchObject({
      reason: 'not-concerned',
    });
  });

  it('tells that partner when the referral is cancelled, closing the loop', () => {
    const referred = evolveAll([referral], JUST_ENROLLED);
    const cancelled = stored(MUNICIPALITY, 'referral-cancelled', { referralId: 'ref-9' });
    expect(entitlement(HOUSING, cancelled, referred)).toMatchObject({ deliver: true });
  });

  it('sends consent, given and withdrawn, to the partner it is given to', () => {
    const toWork = { toPartner: WORK.id, categories: ['assessment'] } as const;
    expect(entitlement(WORK, stored(GGZ, 'consent-granted', toWork), WITH_GGZ)).toMatchObject({
      deliver: true,
    });
    expect(entitlement(WORK, stored(GGZ, 'consent-withdrawn', toWork), WITH_GGZ)).toMatchObject({
      deliver: true,
    });
    expect(entitlement(GP, stored(GGZ, 'consent-granted', toWork), WITH_GGZ)).toMatchObject({
      reason: 'not-concerned',
    });
  });
});

describe('the agreement', () => {
  it('is needed at all', () => {
    expect(entitlement(PARTNERS.other, sample(MUNICIPALITY, 'case-closed'))).toEqual({
      deliver: false,
      reason: 'no-agreement',
    });
  });

  it('must name the event’s category', () => {
    expect(entitlement(HOUSING, sample(MUNICIPALITY, 'ladder-step-reached'))).toEqual({
      deliver: false,
      reason: 'not-in-agreement',
    });
  });

  it('decides the fields of other categories', () => {
    const visit = sample(MUNICIPALITY, 'visit-held');
    expect(entitlement(WELFARE, visit)).toMatchObject({
      categories: ['contact'],
      omitFields: ['notes'],
    });
    expect(entitlement(PARTNERS.municipality, sample(WORK, 'visit-held'))).toMatchObject({
      categories: ['contact', 'content'],
      omitFields: [],
    });
  });

  it('is named, with its version, as the basis of every delivery', () => {
    const { legalBasis, purpose } = AGREEMENTS.agreementFor(WELFARE)!;
    expect(entitlement(WELFARE, sample(MUNICIPALITY, 'case-closed'))).toEqual({
      deliver: true,
      categories: ['involvement'],
      omitFields: [],
      basis: { agreementVersion: AGREEMENTS.version, legalBasis, purpose },
    });
  });
});

describe('identity', () => {
  // Enrolment reaches only the municipality itself; the relay asks again for a partner that
  // joins later (catching it up), with the case as it is then.
  const catchUp = (receiver: (typeof PARTNERS)[keyof typeof PARTNERS], agreements = AGREEMENTS) =>
    entitlementFor({
      receiver,
      event: enrolment,
      stateBefore: EVERYONE_INVOLVED,
      stateAfter: EVERYONE_INVOLVED,
      senderKind: 'municipality',
      agreement: agreements.agreementFor(receiver),
    });

  it('goes where the agreement names it, with the BSN for kinds a law allows to use it', () => {
    expect(catchUp(GGZ)).toMatchObject({
      categories: ['involvement', 'identity'],
      omitFields: ['bsnHash', 'reference'],
    });
  });

  it('is left out where the agreement does not name it', () => {
    expect(catchUp(HOUSING)).toMatchObject({
      categories: ['involvement'],
      omitFields: ['person', 'reference', 'bsnHash'],
    });
  });

  it('never carries the BSN to a kind that may not use it, whatever the agreement says', () => {
    const lenient = parseSharingAgreements(
      `version: x
agreements:
  - receiver: { kind: housing-corporation }
    categories: [identity, involvement]
    legalBasis: mistaken
    purpose: test`,
      'lenient.yaml',
    );
    expect(catchUp(HOUSING, lenient)).toMatchObject({
      categories: ['involvement', 'identity'],
      omitFields: ['bsnHash', 'reference', 'person.bsn'],
    });
  });

  it.each(
    Object.values(PARTNERS).filter(({ kind }) => kind !== 'municipality' && kind !== 'other'),
  )('keeps the BSN hash and the enrolling partner’s reference from $id', (receiver) => {
    expect(catchUp(receiver)).toMatchObject({
      omitFields: expect.arrayContaining(['bsnHash', 'reference']),
    });
  });
});

describe('identity on a BSN match, under identityOnMatch: after-confirmation', () => {
  const waiting = parseSharingAgreements(
    `version: x
agreements:
  - receiver: { kind: mental-health }
    categories: [identity, involvement]
    legalBasis: test
    purpose: test
    identityOnMatch: after-confirmation`,
    'waiting.yaml',
  );
  const catchUp = (state: ClientCaseState, agreements = waiting) =>
    entitlementFor({
      receiver: GGZ,
      event: enrolment,
      stateBefore: state,
      stateAfter: state,
      senderKind: 'municipality',
      agreement: agreements.agreementFor(GGZ),
    });
  const confirmed = evolveAll(
    [stored(MUNICIPALITY, 'involvement-confirmed', { partner: GGZ.id })],
    WITH_GGZ,
  );

  it('holds the enrolment back from the matched partner until the municipality confirms', () => {
    expect(catchUp(WITH_GGZ)).toEqual({ deliver: false, reason: 'awaiting-confirmation' });
    expect(catchUp(confirmed)).toMatchObject({
      deliver: true,
      categories: ['involvement', 'identity'],
    });
  });

  it('is not the default: without the setting identity follows the match at once', () => {
    expect(catchUp(WITH_GGZ, AGREEMENTS)).toMatchObject({ deliver: true });
  });

  it('refuses an unknown setting in the agreements file', () => {
    expect(() =>
      parseSharingAgreements(
        `version: x
agreements:
  - receiver: { kind: gp }
    categories: [identity]
    legalBasis: test
    purpose: test
    identityOnMatch: later`,
        'bad.yaml',
      ),
    ).toThrow(/identityOnMatch/);
  });
});

describe('professional secrecy of GGZ and GP', () => {
  const assessment = sample(GGZ, 'life-areas-assessed');

  it('keeps their assessment from another partner without consent', () => {
    expect(entitlement(MUNICIPALITY, assessment, WITH_GGZ)).toEqual({
      deliver: false,
      reason: 'no-consent',
    });
  });

  it('lets it go to the partner and categories consented to, saying so in the basis', () => {
    const consented = evolveAll([granted(['assessment'])], WITH_GGZ);
    expect(entitlement(MUNICIPALITY, assessment, consented)).toMatchObject({
      deliver: true,
      categories: ['assessment'],
      basis: { consent: true },
    });
    expect(entitlement(MUNICIPALITY, sample(GGZ, 'goal-set'), consented)).toMatchObject({
      categories: ['assessment'],
      omitFields: ['description'],
    });
  });

  it('asks consent per receiving partner', () => {
    const consented = evolveAll(
      [stored(WORK, 'involvement-signalled', {}), granted(['assessment'])],
      WITH_GGZ,
    );
    expect(entitlement(WORK, assessment, consented)).toMatchObject({ reason: 'no-consent' });
  });

  it('asks consent of the partner whose data it is', () => {
    const consented = evolveAll(
      [stored(GP, 'involvement-signalled', {}), granted(['assessment'])],
      WITH_GGZ,
    );
    expect(entitlement(MUNICIPALITY, sample(GP, 'life-areas-assessed'), consented)).toMatchObject({
      reason: 'no-consent',
    });
  });

  it('does not need consent for what they share by default', () => {
    expect(entitlement(MUNICIPALITY, sample(GGZ, 'visit-held'), WITH_GGZ)).toMatchObject({
      deliver: true,
      categories: ['contact'],
      omitFields: ['notes'],
    });
    expect(entitlement(MUNICIPALITY, sample(GGZ, 'visit-held'), WITH_GGZ)).not.toHaveProperty(
      'basis.consent',
    );
  });

  it('stops from the first event after a withdrawal; what came before stays as it was', () => {
    const consented = evolveAll([granted(['assessment'])], WITH_GGZ);
    const withdrawn = evolveAll(
      [
        stored(GGZ, 'consent-withdrawn', {
          toPartner: MUNICIPALITY.id,
          categories: ['assessment'],
        }),
      ],
      consented,
    );
    expect(entitlement(MUNICIPALITY, assessment, consented)).toMatchObject({ deliver: true });
    expect(entitlement(MUNICIPALITY, assessment, withdrawn)).toMatchObject({
      reason: 'no-consent',
    });
  });

  it('needs the sender’s kind: a partner’s event without it is refused loudly', () => {
    const question: EntitlementQuestion = {
      receiver: MUNICIPALITY,
      event: assessment,
      stateBefore: WITH_GGZ,
      stateAfter: WITH_GGZ,
      senderKind: undefined,
      agreement: AGREEMENTS.agreementFor(MUNICIPALITY),
    };
    expect(() => entitlementFor(question)).toThrow('the kind of sender ggz-oost-brabant');
  });
});

describe('a partner registered as admin before ids were reserved', () => {
  const ggzAdmin = { id: ADMIN.id, kind: 'mental-health' } as const;
  const involved = evolveAll([stored(ggzAdmin, 'involvement-signalled', {})], JUST_ENROLLED);
  const ask = (event: ReturnType<typeof sample>) =>
    entitlementFor({
      receiver: MUNICIPALITY,
      event,
      stateBefore: involved,
      stateAfter: involved,
      senderKind: ggzAdmin.kind,
      agreement: AGREEMENTS.agreementFor(MUNICIPALITY),
    });

  it('is bound by its kind: its assessment needs consent like any GGZ partner’s', () => {
    expect(ask(sample(ggzAdmin, 'life-areas-assessed'))).toEqual({
      deliver: false,
      reason: 'no-consent',
    });
  });

  it('cannot pass for the hub by leaving its kind out', () => {
    expect(() =>
      entitlementFor({
        receiver: MUNICIPALITY,
        event: sample(ggzAdmin, 'life-areas-assessed'),
        stateBefore: involved,
        stateAfter: involved,
        senderKind: undefined,
        agreement: AGREEMENTS.agreementFor(MUNICIPALITY),
      }),
    ).toThrow('the kind of sender admin');
  });

  it('still hears of the hub’s erasure, which is not its own event', () => {
    const erased = sample(ADMIN, 'client-erased');
    expect(
      entitlementFor({
        receiver: ggzAdmin,
        event: erased,
        stateBefore: involved,
        stateAfter: evolveAll([erased], involved),
        senderKind: undefined,
        agreement: AGREEMENTS.agreementFor(ggzAdmin),
      }),
    ).toMatchObject({ deliver: true });
  });
});

describe('erasure', () => {
  const erased = sample(ADMIN, 'client-erased');

  it('reaches every partner involved before it, even one without identity in its agreement', () => {
    expect(entitlement(HOUSING, erased, EVERYONE_INVOLVED)).toMatchObject({
      deliver: true,
      categories: [],
      omitFields: ['reason'],
    });
    expect(entitlement(MUNICIPALITY, erased, EVERYONE_INVOLVED)).toMatchObject({
      categories: ['identity', 'content'],
      omitFields: [],
    });
  });

  it('does not reach a partner that was not involved', () => {
    expect(entitlement(HOUSING, erased, WITH_GGZ)).toMatchObject({
      reason: 'not-concerned',
    });
  });
});

describe('signal and match', () => {
  const signal = stored(WORK, 'involvement-signalled', {});
  const state: ClientCaseState = WITH_GGZ;

  it.each([
    ['the signaller', WORK],
    ['a partner involved before', GGZ],
    ['the enrolling municipality', MUNICIPALITY],
  ])('tells %s, with involvement only', (_who, receiver) => {
    expect(entitlement(receiver, signal, state)).toMatchObject({
      deliver: true,
      categories: ['involvement'],
      omitFields: [],
    });
  });

  it('tells nobody who is not involved', () => {
    expect(entitlement(GP, signal, state)).toMatchObject({ reason: 'not-concerned' });
  });
});
