import { EVENT_TYPES } from '../catalogue/event-type.catalogue';
import { isHealthPartnerKind, mayUseBsn, PARTNER_KINDS } from './partner-kind.catalogue';
import { mayPublish } from './publish.policy';

const kindsAllowed = (type: (typeof EVENT_TYPES)[number]) =>
  PARTNER_KINDS.filter((kind) => mayPublish(kind, type));

describe('who may publish', () => {
  it('enrols by municipalities only', () => {
    expect(kindsAllowed('nl.samenloop.client-enrolled.v1')).toEqual(['municipality']);
  });

  it('takes signals only from the kinds that may use the BSN', () => {
    expect(kindsAllowed('nl.samenloop.involvement-signalled.v1')).toEqual([
      'municipality',
      'mental-health',
      'gp',
      'work-company',
    ]);
  });

  it('leaves confirming a match to municipalities', () => {
    expect(kindsAllowed('nl.samenloop.involvement-confirmed.v1')).toEqual(['municipality']);
  });

  it('leaves erasure to the administrator', () => {
    expect(kindsAllowed('nl.samenloop.client-erased.v1')).toEqual([]);
  });

  const restricted = [
    'nl.samenloop.client-enrolled.v1',
    'nl.samenloop.involvement-signalled.v1',
    'nl.samenloop.involvement-confirmed.v1',
    'nl.samenloop.client-erased.v1',
  ];
  it.each(EVENT_TYPES.filter((type) => !restricted.includes(type)))(
    'leaves %s to every kind, subject to involvement',
    (type) => {
      expect(kindsAllowed(type)).toEqual(PARTNER_KINDS);
    },
  );
});

describe('partner kinds', () => {
  it('count GGZ and GP as health partners', () => {
    expect(PARTNER_KINDS.filter(isHealthPartnerKind)).toEqual(['mental-health', 'gp']);
  });

  it('keep the BSN from housing corporations, welfare and others', () => {
    expect(PARTNER_KINDS.filter((kind) => !mayUseBsn(kind))).toEqual([
      'housing-corporation',
      'welfare',
      'other',
    ]);
  });
});
