import {
  EVENT_NAMES,
  type EventName,
  eventType,
  initialState,
  isHealthPartnerKind,
  mayPublish,
  PARTNER_KINDS,
  type PartnerKind,
} from '@samenloop/domain';
import type { Entitlement } from './entitlement';
import {
  ADMIN,
  CONSENT_STATES,
  entitlement,
  EVERYONE_INVOLVED,
  PARTNERS,
  sample,
  withConsent,
} from './entitlement.spec-helper';

/*
 * The authorisation matrix: what each receiver gets of each event type, for every kind that may
 * publish it and every state of the sender's consent, under the shipped agreements
 * (config/sharing.yaml). A case every partner is involved with; one partner per kind.
 *
 *   ✓       delivered whole
 *   -a -b   delivered without data fields a and b
 *   —       not delivered
 *   own     the sender's own event, not sent back (its column reads `own` whatever the table says,
 *           except for the signal, whose sender is told who else is involved)
 */

/** The column headers: short names for the partner kinds. */
const COLUMNS: Readonly<Record<string, PartnerKind | undefined>> = {
  municipality: 'municipality',
  ggz: 'mental-health',
  gp: 'gp',
  work: 'work-company',
  housing: 'housing-corporation',
  welfare: 'welfare',
  other: 'other',
};

const FROM_A_PARTNER_WITHOUT_SECRECY = table`
  event                   | municipality | ggz          | gp           | work         | housing      | welfare      | other
  client-enrolled         | own          | —            | —            | —            | —            | —            | —
  client-reference-linked | ✓            | ✓            | ✓            | ✓            | -reference   | -reference   | —
  involvement-signalled   | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  involvement-ended       | ✓            | -reason      | -reason      | -reason      | -reason      | -reason      | —
  involvement-confirmed   | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  case-lead-assigned      | ✓            | -reason      | -reason      | -reason      | -reason      | -reason      | —
  contact-attempted       | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  visit-held              | ✓            | -notes       | -notes       | -notes       | -notes       | -notes       | —
  life-areas-assessed     | ✓            | ✓            | ✓            | ✓            | —            | —            | —
  goal-set                | ✓            | -description | -description | -description | —            | —            | —
  goal-achieved           | ✓            | -reason      | -reason      | -reason      | —            | —            | —
  goal-abandoned          | ✓            | -reason      | -reason      | -reason      | —            | —            | —
  referral-made           | ✓            | -reason      | -reason      | -reason      | -reason      | -reason      | —
  referral-accepted       | ✓            | -reason      | -reason      | -reason      | -reason      | -reason      | —
  referral-declined       | ✓            | -reason      | -reason      | -reason      | -reason      | -reason      | —
  referral-completed      | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  referral-cancelled      | ✓            | -reason      | -reason      | -reason      | -reason      | -reason      | —
  ladder-step-reached     | ✓            | ✓            | ✓            | ✓            | —            | —            | —
  consent-granted         | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  consent-withdrawn       | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  case-closed             | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  client-erased           | ✓            | -reason      | -reason      | -reason      | -reason      | -reason      | —
`;

/** GGZ and GP without the client's consent (never given, or withdrawn before the event). */
const FROM_A_HEALTH_PARTNER_WITHOUT_CONSENT = table`
  event                   | municipality | ggz          | gp           | work         | housing      | welfare      | other
  client-reference-linked | ✓            | ✓            | ✓            | ✓            | -reference   | -reference   | —
  involvement-signalled   | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  involvement-ended       | -reason      | -reason      | -reason      | -reason      | -reason      | -reason      | —
  case-lead-assigned      | -reason      | -reason      | -reason      | -reason      | -reason      | -reason      | —
  contact-attempted       | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  visit-held              | -notes       | -notes       | -notes       | -notes       | -notes       | -notes       | —
  life-areas-assessed     | —            | —            | —            | —            | —            | —            | —
  goal-set                | —            | —            | —            | —            | —            | —            | —
  goal-achieved           | —            | —            | —            | —            | —            | —            | —
  goal-abandoned          | —            | —            | —            | —            | —            | —            | —
  referral-made           | -reason      | -reason      | -reason      | -reason      | -reason      | -reason      | —
  referral-accepted       | -reason      | -reason      | -reason      | -reason      | -reason      | -reason      | —
  referral-declined       | -reason      | -reason      | -reason      | -reason      | -reason      | -reason      | —
  referral-completed      | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  referral-cancelled      | -reason      | -reason      | -reason      | -reason      | -reason      | -reason      | —
  ladder-step-reached     | —            | —            | —            | —            | —            | —            | —
  consent-granted         | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  consent-withdrawn       | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
  case-closed             | ✓            | ✓            | ✓            | ✓            | ✓            | ✓            | —
`;

type Row = Readonly<Record<PartnerKind, string>>;

/** With consent for assessment and content, a health partner's events flow like anyone's. */
function expectedRow(name: EventName, sender: PartnerKind | undefined, consent: string): Row {
  const secrecy = sender !== undefined && isHealthPartnerKind(sender) && consent !== 'granted';
  const row = (secrecy ? FROM_A_HEALTH_PARTNER_WITHOUT_CONSENT : FROM_A_PARTNER_WITHOUT_SECRECY)[
    name
  ];
  if (!row) throw new Error(`no row for ${name}`);
  if (sender === undefined || name === 'involvement-signalled') return row;
  return { ...row, [sender]: 'own' };
}

function cell(entitled: Entitlement): string {
  if (!entitled.deliver) return entitled.reason === 'own-event' ? 'own' : '—';
  return entitled.omitFields.length === 0
    ? '✓'
    : entitled.omitFields.map((field) => `-${field}`).join(' ');
}

/** The kinds that may publish a type; the administrator (`undefined`) erases. */
function sendersOf(name: EventName): (PartnerKind | undefined)[] {
  const kinds = PARTNER_KINDS.filter((kind) => mayPublish(kind, eventType(name)));
  return kinds.length > 0 ? kinds : [undefined];
}

const cases = EVENT_NAMES.flatMap((name) =>
  sendersOf(name).flatMap((sender) => CONSENT_STATES.map((consent) => ({ name, sender, consent }))),
);

describe('the authorisation matrix', () => {
  it.each(cases)('$name from $sender, consent $consent', ({ name, sender, consent }) => {
    const by = sender === undefined ? ADMIN : PARTNERS[sender];
    // Enrolment starts the case: nobody but the municipality is involved yet.
    const before =
      name === 'client-enrolled' ? initialState : withConsent(EVERYONE_INVOLVED, by, consent);
    const event = sample(by, name);
    const row = Object.fromEntries(
      PARTNER_KINDS.map((kind) => [kind, cell(entitlement(PARTNERS[kind], event, before))]),
    );
    expect(row).toEqual(expectedRow(name, sender, consent));
  });

  it('covers every type, and erasure from the administrator', () => {
    expect(new Set(cases.map(({ name }) => name))).toEqual(new Set(EVENT_NAMES));
    const byAdministrator = cases.filter(({ sender }) => sender === undefined);
    expect(new Set(byAdministrator.map(({ name }) => name))).toEqual(new Set(['client-erased']));
  });
});

/** Parses a `|` table: an `event` column, then one column per partner kind, each once. */
function table(strings: TemplateStringsArray): Partial<Record<EventName, Row>> {
  const [[, ...header] = [], ...rows] = strings
    .join('')
    .trim()
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()));
  const kinds = header.map((column) => COLUMNS[column]);
  if (new Set(kinds).size !== PARTNER_KINDS.length || kinds.includes(undefined)) {
    throw new Error(`columns must be ${Object.keys(COLUMNS).join(', ')}`);
  }
  return Object.fromEntries(
    rows.map(([name, ...cells]) => [
      name,
      Object.fromEntries(kinds.map((kind, index) => [kind, cells[index]])),
    ]),
  );
}
