import { buildOutboundEvent, type OutboundEventInput } from './outbound-event-builder';
import { delivery, HUB_ONLY, PERSON, REDACTED, exampleStoredEvent } from '@samenloop/testing';

function build(overrides: Partial<OutboundEventInput> & Pick<OutboundEventInput, 'event'>) {
  return buildOutboundEvent({
    sourceEventId: 'ce-77',
    position: 4711,
    receiverId: 'gemeente-helmond',
    receiverReference: 'gm-client-9',
    entitlement: delivery(),
    ...overrides,
  });
}

const enrolment = exampleStoredEvent('nl.samenloop.client-enrolled.v1', 'gemeente-helmond');

describe('an outbound event', () => {
  it('is the stored event as a CloudEvent for its receiver', () => {
    const visit = exampleStoredEvent('nl.samenloop.visit-held.v1', 'ggz-oost-brabant', {
      actor: 'emp-12',
    });
    const built = build({ event: visit, entitlement: delivery(['notes']) });
    expect(built).toEqual({
      specversion: '1.0',
      id: 'ce-77',
      source: 'urn:samenloop:partner:ggz-oost-brabant',
      type: 'nl.samenloop.visit-held.v1',
      subject: 'gm-client-9',
      time: '2025-03-03T10:00:00Z',
      datacontenttype: 'application/json',
      dataschema: 'https://samenloop.nl/schemas/visit-held.v1.json',
      cursor: 4711,
      actor: 'emp-12',
      data: {
        location: 'home',
        lifeAreasDiscussed: ['finances', 'social-network'],
        withPartners: ['wijkteam-welzijn'],
        durationMinutes: 60,
      },
    });
  });

  it('has no actor when the sender named none', () => {
    const built = build({
      event: exampleStoredEvent('nl.samenloop.case-closed.v1', 'gemeente-helmond'),
    });
    expect(built).not.toHaveProperty('actor');
  });

  it('comes from the hub when the administrator erased the client', () => {
    const built = build({ event: exampleStoredEvent('nl.samenloop.client-erased.v1', 'admin') });
    expect(built.source).toBe('urn:samenloop:hub');
  });
});

describe('the person in an enrolment', () => {
  it('is the decrypted identity, where the receiver is entitled to it', () => {
    const built = build({ event: enrolment, identity: PERSON });
    expect(built.data).toEqual({
      municipality: 'GM0794',
      programme: 'Samen verder',
      profile: 'social-activation-with-care',
      startRung: 1,
      person: PERSON,
    });
  });

  it('never carries the sealed person, the BSN hash or the enrolling partner’s reference', () => {
    // Even an entitlement that forgot to strip them.
    const built = JSON.stringify(build({ event: enrolment, identity: PERSON }));
    for (const secret of Object.values(HUB_ONLY)) expect(built).not.toContain(secret);
  });

  it('goes without the BSN where the receiver may not use it', () => {
    const built = build({
      event: enrolment,
      identity: PERSON,
      entitlement: delivery(['person.bsn']),
    });
    const { bsn: _bsn, ...withoutBsn } = PERSON;
    expect(built.data).toMatchObject({ person: withoutBsn });
  });

  it('is left out, without decrypting, where the receiver is not entitled to it', () => {
    const built = build({ event: enrolment, entitlement: delivery(['person']) });
    expect(built.data).not.toHaveProperty('person');
  });

  it('is the redaction marker once the client is erased', () => {
    const built = build({
      event: enrolment,
      identity: REDACTED,
      entitlement: delivery(['person.bsn']),
    });
    expect(built.data).toMatchObject({ person: REDACTED });
  });

  it('must be supplied where the receiver is entitled to it', () => {
    expect(() => build({ event: enrolment })).toThrow('pass its identity');
  });
});

describe('the match answering a signal', () => {
  const signal = exampleStoredEvent('nl.samenloop.involvement-signalled.v1', 'ggz-oost-brabant', {
    actor: 'emp-3',
  });
  const involvedPartners = ['werkbedrijf-helmond', 'gemeente-helmond', 'ggz-oost-brabant'];

  it('tells the receiver who else is involved, from the hub, and nothing more', () => {
    const built = build({ event: signal, involvedPartners });
    expect(built).toMatchObject({
      source: 'urn:samenloop:hub',
      type: 'nl.samenloop.involvement-matched.v1',
      subject: 'gm-client-9',
      cursor: 4711,
      dataschema: 'https://samenloop.nl/schemas/involvement-matched.v1.json',
      data: {
        signalledBy: 'ggz-oost-brabant',
        involvedPartners: ['ggz-oost-brabant', 'werkbedrijf-helmond'],
      },
    });
    expect(built).not.toHaveProperty('actor');
  });

  it('has an id that is the same on every redelivery and differs per receiver', () => {
    const once = build({ event: signal, involvedPartners });
    expect(build({ event: signal, involvedPartners }).id).toBe(once.id);
    expect(build({ event: signal, involvedPartners, receiverId: 'ggz-oost-brabant' }).id).not.toBe(
      once.id,
    );
    expect(once.id).toMatch(/^match-[0-9a-f]{40}$/);
  });

  it('needs the partners involved', () => {
    expect(() => build({ event: signal })).toThrow('a match needs the partners involved');
  });
});
