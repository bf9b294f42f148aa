import { DATA_CATEGORIES, isDataCategory } from './data-category.catalogue';
import { categoriesOf, EVENT_CATEGORIES, fieldsOfCategory } from './event-category.catalogue';
import { EVENT_NAMES, EVENT_TYPES, eventType, isEventType } from './event-type.catalogue';
import { isZrmScore, ZRM_2017_LIFE_AREAS } from './life-area.catalogue';
import { isRung, LADDER_RUNGS } from './participation-ladder.catalogue';

describe('event types', () => {
  it('are the 22 versioned names of catalogue v1', () => {
    expect(EVENT_NAMES).toHaveLength(22);
    expect(EVENT_TYPES).toContain('nl.samenloop.referral-made.v1');
    expect(EVENT_TYPES.every((type) => /^nl\.samenloop\.[a-z]+(-[a-z]+)*\.v1$/.test(type))).toBe(
      true,
    );
    expect(eventType('goal-set')).toBe('nl.samenloop.goal-set.v1');
  });

  it('recognise only catalogue names', () => {
    expect(isEventType('nl.samenloop.visit-held.v1')).toBe(true);
    expect(isEventType('nl.samenloop.visit-held.v2')).toBe(false);
    expect(isEventType('visit-held')).toBe(false);
  });
});

describe('data categories', () => {
  it('are the six of the sharing agreements', () => {
    expect(DATA_CATEGORIES).toEqual([
      'identity',
      'involvement',
      'contact',
      'assessment',
      'referral',
      'content',
    ]);
    expect(isDataCategory('diagnosis')).toBe(false);
  });

  it('put the person of an enrolment under identity', () => {
    expect(categoriesOf('nl.samenloop.client-enrolled.v1')).toEqual(['involvement', 'identity']);
    expect(fieldsOfCategory('nl.samenloop.client-enrolled.v1', 'identity')).toEqual([
      'person',
      'reference',
    ]);
  });

  it.each([
    ['nl.samenloop.visit-held.v1', 'contact', ['notes']],
    ['nl.samenloop.goal-set.v1', 'assessment', ['description']],
    ['nl.samenloop.referral-made.v1', 'referral', ['reason']],
    ['nl.samenloop.referral-declined.v1', 'referral', ['reason']],
    ['nl.samenloop.involvement-ended.v1', 'involvement', ['reason']],
    ['nl.samenloop.case-lead-assigned.v1', 'involvement', ['reason']],
    ['nl.samenloop.goal-abandoned.v1', 'assessment', ['reason']],
    ['nl.samenloop.contact-attempted.v1', 'contact', []],
    ['nl.samenloop.life-areas-assessed.v1', 'assessment', []],
    ['nl.samenloop.case-closed.v1', 'involvement', []],
  ] as const)('file %s under %s with content fields %j', (type, category, content) => {
    expect(EVENT_CATEGORIES[type].category).toBe(category);
    expect(fieldsOfCategory(type, 'content')).toEqual(content);
  });
});

describe('instruments', () => {
  it('default to the 13 ZRM-2017 life areas, scored 1-5', () => {
    expect(ZRM_2017_LIFE_AREAS).toHaveLength(13);
    expect([0, 1, 5, 6, 2.5, '3'].map(isZrmScore)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('number the participation ladder 1-6 with Dutch and English labels', () => {
    expect(LADDER_RUNGS.map(({ rung }) => rung)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(LADDER_RUNGS[0]).toEqual({ rung: 1, nl: 'Geïsoleerd', en: 'Isolated' });
    expect([0, 1, 6, 7, 3.5].map(isRung)).toEqual([false, true, true, false, false]);
  });
});
