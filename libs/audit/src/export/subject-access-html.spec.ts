import { EVENT_TYPES, type EventType } from '@samenloop/domain';
import type { RecordedAccess } from '@samenloop/privacy';
import { REDACTED } from '@samenloop/privacy';
import { escapeHtml, renderSubjectAccessHtml } from './subject-access-html';
import type { ExportedEvent, SubjectAccessReport } from './subject-access-report';

const CLIENT_ID = '0e5b7c0e-3c55-4d7c-a7bf-0c7b39f0f8a1';

/** Each type the hub stores, with data as the export opens it, and the sentences it must read as. */
const SENTENCES: [EventType, Record<string, unknown>, string, string][] = [
  [
    'nl.samenloop.client-enrolled.v1',
    { municipality: 'Helmond', startRung: 2, person: { givenName: 'Anna' } },
    'gem heeft u aangemeld bij de gemeente Helmond, op trede 2 (sociale contacten buiten de deur) van de participatieladder.',
    'gem enrolled you with the municipality Helmond, on rung 2 (social contacts outside the home) of the participation ladder.',
  ],
  [
    'nl.samenloop.client-reference-linked.v1',
    { reference: 'GGZ-1' },
    'gem heeft een eigen kenmerk aan uw dossier gekoppeld.',
    'gem linked a reference of its own to your file.',
  ],
  [
    'nl.samenloop.involvement-signalled.v1',
    {},
    'gem heeft gemeld dat het bij u betrokken is.',
    'gem reported being involved with you.',
  ],
  [
    'nl.samenloop.involvement-ended.v1',
    {},
    'gem is niet meer bij u betrokken.',
    'gem is no longer involved with you.',
  ],
  [
    'nl.samenloop.involvement-confirmed.v1',
    { partner: 'ggz' },
    'gem heeft bevestigd dat ggz bij u betrokken is.',
    'gem confirmed that ggz is involved with you.',
  ],
  [
    'nl.samenloop.case-lead-assigned.v1',
    { leadPartner: 'ggz', leadActor: 'emp-2' },
    'gem heeft de regie over uw ondersteuning bij ggz gelegd.',
    'gem made ggz the lead of your support.',
  ],
  [
    'nl.samenloop.contact-attempted.v1',
    { channel: 'phone', outcome: 'no-answer' },
    'gem heeft geprobeerd u te bereiken (telefonisch): geen gehoor.',
    'gem tried to reach you (by phone): no answer.',
  ],
  [
    'nl.samenloop.visit-held.v1',
    { location: 'home', lifeAreasDiscussed: ['finances', 'housing'] },
    'gem heeft een gesprek met u gehad (thuis) over financiën en huisvesting.',
    'gem had a conversation with you (at home) about finances and housing.',
  ],
  [
    'nl.samenloop.life-areas-assessed.v1',
    { instrument: 'ZRM-2017', scores: { finances: 2, housing: 4 } },
    'gem heeft op 2 leefgebieden beoordeeld hoe het met u gaat.',
    'gem assessed how you are doing in 2 areas of life.',
  ],
  [
    'nl.samenloop.goal-set.v1',
    { goalId: 'g1', lifeArea: 'finances', description: 'Schulden op een rij' },
    'gem heeft met u een doel gesteld voor financiën.',
    'gem set a goal with you for finances.',
  ],
  [
    'nl.samenloop.goal-achieved.v1',
    { goalId: 'g1' },
    'gem heeft vastgelegd dat u een doel bereikt hebt.',
    'gem recorded that you reached a goal.',
  ],
  [
    'nl.samenloop.goal-abandoned.v1',
    { goalId: 'g1' },
    'gem heeft vastgelegd dat een doel is losgelaten.',
    'gem recorded that a goal was given up.',
  ],
  [
    'nl.samenloop.referral-made.v1',
    { referralId: 'r1', service: 'debt-help', toPartner: 'kredietbank' },
    'gem heeft u verwezen naar schuldhulp bij kredietbank.',
    'gem referred you to debt help at kredietbank.',
  ],
  [
    'nl.samenloop.referral-accepted.v1',
    { referralId: 'r1' },
    'gem heeft een verwijzing voor u aangenomen.',
    'gem accepted a referral for you.',
  ],
  [
    'nl.samenloop.referral-declined.v1',
    { referralId: 'r1' },
    'gem heeft een verwijzing voor u afgewezen.',
    'gem declined a referral for you.',
  ],
  [
    'nl.samenloop.referral-completed.v1',
    { referralId: 'r1', outcome: 'attended' },
    'gem heeft een verwijzing afgerond: gevolgd.',
    'gem completed a referral: attended.',
  ],
  [
    'nl.samenloop.referral-cancelled.v1',
    { referralId: 'r1' },
    'gem heeft een verwijzing ingetrokken.',
    'gem cancelled a referral.',
  ],
  [
    'nl.samenloop.ladder-step-reached.v1',
    { rung: 4 },
    'gem heeft vastgelegd dat u op trede 4 (onbetaald werk) van de participatieladder staat.',
    'gem recorded that you are on rung 4 (unpaid work (volunteering)) of the participation ladder.',
  ],
  [
    'nl.samenloop.consent-granted.v1',
    { toPartner: 'ggz', categories: ['contact', 'referral'] },
    'gem heeft uw toestemming vastgelegd om gegevens over contact en verwijzingen te delen met ggz.',
    'gem recorded your consent to share contact and referrals with ggz.',
  ],
  [
    'nl.samenloop.consent-withdrawn.v1',
    { toPartner: 'ggz', categories: ['contact'] },
    'gem heeft vastgelegd dat u uw toestemming om gegevens over contact te delen met ggz hebt ingetrokken.',
    'gem recorded that you withdrew your consent to share contact with ggz.',
  ],
  [
    'nl.samenloop.case-closed.v1',
    { reason: 'moved' },
    'gem heeft uw dossier gesloten: verhuisd.',
    'gem closed your file: moved.',
  ],
  [
    'nl.samenloop.client-erased.v1',
    { reason: 'request' },
    'gem heeft uw persoonsgegevens gewist.',
    'gem erased your personal data.',
  ],
];

const event = (
  position: number,
  type: EventType,
  data: unknown,
  partnerId = 'gem',
): ExportedEvent => ({
  position,
  revision: position - 1,
  recordedAt: '2026-03-01T09:00:00.000Z',
  occurredAt: '2026-03-01T08:59:00.000Z',
  type,
  partnerId,
  actor: 'emp-1',
  summary: 'English one-liner for auditors',
  data,
});

const access = (entry: Partial<RecordedAccess>): RecordedAccess => ({
  seq: 1,
  id: 'a1',
  occurredAt: '2026-03-02T14:30:00.000Z',
  action: 'feed.read',
  clientId: CLIENT_ID,
  user: 'partner:ggz',
  onBehalfOf: null,
  partnerId: 'ggz',
  accessPoint: 'GET /v1/feed',
  origin: null,
  authorisation: { basis: 'agreement', reference: 'ggz', version: '3' },
  emergency: false,
  detail: { positions: [2] },
  hash: 'h',
  previousHash: null,
  ...entry,
});

const report = (
  overrides: Partial<SubjectAccessReport> = {},
  person: SubjectAccessReport['client']['person'] = {
    givenName: 'Anna',
    familyName: 'Jansen',
    birthDate: '1975-04-30',
  },
): SubjectAccessReport => ({
  format: 'samenloop-subject-access-v1',
  generatedAt: '2026-03-03T10:00:00.000Z',
  client: { clientId: CLIENT_ID, status: 'open', person, references: { gem: 'GM-1' } },
  state: {
    enrolled: true,
    person,
    municipality: 'Helmond',
    enrollingPartner: 'gem',
    enrolledAt: '2026-03-01T08:59:00.000Z',
    status: 'open',
    involved: ['gem', 'ggz'],
    lead: { partner: 'ggz', actor: 'emp-2' },
    consents: [{ fromPartner: 'gem', toPartner: 'ggz', categories: ['contact'] }],
  },
  events: [
    event(1, 'nl.samenloop.client-enrolled.v1', { municipality: 'Helmond', person }),
    event(2, 'nl.samenloop.contact-attempted.v1', { channel: 'phone', outcome: 'reached' }),
    event(
      3,
      'nl.samenloop.visit-held.v1',
      {
        location: 'home',
        lifeAreasDiscussed: [],
        notes: 'Gesprek over de huur',
      },
      'ggz',
    ),
  ],
  accessLog: [access({})],
  ...overrides,
});

const render = (lang: 'nl' | 'en', overrides: Partial<SubjectAccessReport> = {}) =>
  renderSubjectAccessHtml(report(overrides), lang);

describe('the subject access report in HTML', () => {
  it('has a sentence in both languages for every event type', () => {
    expect(SENTENCES.map(([type]) => type).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(SENTENCES)('writes %s in Dutch and in English', (type, data, nl, en) => {
    const events = [event(1, type, data)];

    expect(render('nl', { events })).toContain(`: ${escapeHtml(nl)}`);
    expect(render('en', { events })).toContain(`: ${escapeHtml(en)}`);
  });

  it('is in Dutch unless English is asked for', () => {
    expect(renderSubjectAccessHtml(report())).toContain('<html lang="nl">');
    expect(renderSubjectAccessHtml(report())).toContain('Welke partner wat wist, en wanneer');
    expect(render('en')).toContain('<html lang="en">');
    expect(render('en')).toContain('Which partner knew what, and when');
  });

  it('shows the file as it stands, and who looked, in sentences', () => {
    const nl = render('nl');
    expect(nl).toContain('ggz heeft de regie over uw ondersteuning.');
    expect(nl).toContain('U gaf toestemming dat gem gegevens over contact deelt met ggz.');
    expect(nl).toContain(
      'partner:ggz (ggz) haalde op via de feed, op grond van de samenwerkingsafspraak met ggz (versie 3).',
    );
    expect(render('en')).toContain(
      'partner:ggz (ggz) fetched through the feed, under the data-sharing agreement with ggz (version 3).',
    );
  });

  it('says per partner what it recorded and what it was given, with dates', () => {
    const nl = render('nl');
    const start = nl.indexOf('<h3>ggz</h3>');
    const ggz = nl.slice(start, nl.indexOf('<h2>', start));

    expect(ggz).toContain(
      '<time datetime="2026-03-01T09:00:00.000Z">1 maart 2026 om 10:00</time>: ggz legde zelf vast<ul><li>ggz heeft een gesprek met u gehad (thuis).</li></ul>',
    );
    expect(ggz).toContain(
      '<time datetime="2026-03-02T14:30:00.000Z">2 maart 2026 om 15:30</time>: ggz haalde op via de feed<ul><li>gem heeft geprobeerd u te bereiken (telefonisch): bereikt.</li></ul>',
    );
    expect(render('en')).toContain(
      '2 March 2026 at 15:30</time>: ggz fetched through the feed<ul>',
    );
  });

  it("shows a partner's own words, and none as JSON", () => {
    const html = render('nl');

    expect(html).toContain('<p class="note">Toelichting van ggz: Gesprek over de huur</p>');
    expect(html).not.toMatch(/[{[]\s*"|"\s*:|<pre/);
    expect(html).not.toContain('nl.samenloop.');
    expect(html).not.toContain('English one-liner');
  });

  it('escapes every value it shows', () => {
    const html = renderSubjectAccessHtml(
      report(
        {
          events: [
            event(1, 'nl.samenloop.visit-held.v1', {
              location: '<img src=x>',
              lifeAreasDiscussed: [],
              notes: '<script>alert(1)</script>',
            }),
          ],
          accessLog: [access({ user: 'emp-"1"' })],
        },
        { givenName: '<b>Anna</b>', familyName: "O'Brien & Co", birthDate: '1975-04-30' },
      ),
      'en',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Anna');
    expect(html).toContain('&lt;b&gt;Anna&lt;/b&gt;');
    expect(html).toContain('O&#39;Brien &amp; Co');
    expect(html).toContain('emp-&quot;1&quot;');
  });

  it('shows an erased person as erased', () => {
    const html = renderSubjectAccessHtml(report({}, REDACTED));
    expect(html).toContain('Uw persoonsgegevens zijn gewist');
    expect(html).not.toContain('Voornaam');
  });

  it('escapes the characters that matter', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;',
    );
  });
});
