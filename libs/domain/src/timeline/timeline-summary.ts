import type { EventType } from '../catalogue/event-type.catalogue';
import {
  CHANNEL_LABELS,
  DATA_CATEGORY_LABELS,
  CLOSE_REASON_LABELS,
  CONTACT_OUTCOME_LABELS,
  label,
  LIFE_AREA_LABELS,
  LOCATION_LABELS,
  REFERRAL_OUTCOME_LABELS,
  rungLabel,
  SERVICE_LABELS,
  type Lang,
} from '../catalogue/vocabulary-labels';
import type { TimelineDetails } from './timeline-details';

/** Partner ids as people read them. */
export type PartnerName = (partnerId: string) => string;

type Writer = (details: TimelineDetails, lang: Lang, name: PartnerName) => string;

const say = (lang: Lang, nl: string, en: string) => (lang === 'nl' ? nl : en);
const list = (values: readonly string[], lang: Lang) =>
  values.length < 2
    ? (values[0] ?? '')
    : `${values.slice(0, -1).join(', ')} ${say(lang, 'en', 'and')} ${values[values.length - 1]}`;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function service(details: TimelineDetails, lang: Lang): string {
  return details.service === undefined
    ? say(lang, 'een voorziening', 'a service')
    : label(SERVICE_LABELS, details.service, lang);
}

function area(details: TimelineDetails, lang: Lang): string {
  return details.lifeArea === undefined
    ? say(lang, 'een leefgebied', 'a life area')
    : label(LIFE_AREA_LABELS, details.lifeArea, lang);
}

type Sentence = (what: string, to: string) => string;

/** A consent change says which data categories, to which partner. */
function consentChange(nl: Sentence, en: Sentence): Writer {
  return (d, lang, name) => {
    const what = list(
      strings(d.categories).map((c) => label(DATA_CATEGORY_LABELS, c, lang)),
      lang,
    );
    const to = name(String(d.toPartner));
    return (lang === 'nl' ? nl : en)(what, to);
  };
}

function referralAnswer(nl: string, en: string): Writer {
  return (details, lang) =>
    say(
      lang,
      `Verwijzing naar ${service(details, lang)} ${nl}`,
      `Referral to ${service(details, lang)} ${en}`,
    );
}

const WRITERS: Readonly<Record<EventType, Writer>> = {
  'nl.samenloop.client-enrolled.v1': (d, lang) => {
    const rung =
      d.startRung === undefined
        ? ''
        : `, ${say(lang, 'trede', 'rung')} ${rungLabel(d.startRung, lang)}`;
    return (
      say(
        lang,
        `Aangemeld bij gemeente ${d.municipality}`,
        `Enrolled with municipality ${d.municipality}`,
      ) + rung
    );
  },
  'nl.samenloop.client-reference-linked.v1': (_d, lang) =>
    say(lang, 'Eigen kenmerk gekoppeld', 'Linked its own reference'),
  'nl.samenloop.involvement-signalled.v1': (_d, lang) =>
    say(lang, 'Betrokkenheid bij de cliënt gemeld', 'Signalled its involvement with the client'),
  'nl.samenloop.involvement-ended.v1': (_d, lang) =>
    say(lang, 'Betrokkenheid beëindigd', 'Ended its involvement'),
  'nl.samenloop.involvement-confirmed.v1': (d, lang, name) =>
    say(lang, 'Match bevestigd van', 'Confirmed the match of') + ` ${name(String(d.partner))}`,
  'nl.samenloop.case-lead-assigned.v1': (d, lang, name) =>
    say(lang, 'Regie belegd bij', 'Case lead assigned to') +
    ` ${name(String(d.leadPartner))} (${d.leadActor})`,
  'nl.samenloop.contact-attempted.v1': (d, lang) =>
    `${say(lang, 'Contactpoging', 'Contact attempt')} ${label(CHANNEL_LABELS, d.channel, lang)}: ${label(CONTACT_OUTCOME_LABELS, d.outcome, lang)}`,
  'nl.samenloop.visit-held.v1': (d, lang, name) => {
    const minutes = d.durationMinutes === undefined ? '' : ` (${d.durationMinutes} min)`;
    const areas = strings(d.lifeAreasDiscussed).map((code) => label(LIFE_AREA_LABELS, code, lang));
    const others = strings(d.withPartners).map(name);
    return (
      `${say(lang, 'Gesprek', 'Conversation')} ${label(LOCATION_LABELS, d.location, lang)}${minutes}` +
      (others.length ? ` ${say(lang, 'samen met', 'together with')} ${list(others, lang)}` : '') +
      (areas.length ? `; ${say(lang, 'besproken', 'discussed')}: ${areas.join(', ')}` : '')
    );
  },
  'nl.samenloop.life-areas-assessed.v1': (d, lang) =>
    say(
      lang,
      `Leefgebieden gescoord (${d.instrument}, ${d.areas} gebieden)`,
      `Life areas scored (${d.instrument}, ${d.areas} areas)`,
    ),
  'nl.samenloop.goal-set.v1': (d, lang) =>
    say(lang, `Doel gesteld op ${area(d, lang)}`, `Goal set for ${area(d, lang)}`),
  'nl.samenloop.goal-achieved.v1': (d, lang) =>
    say(lang, `Doel op ${area(d, lang)} bereikt`, `Goal for ${area(d, lang)} reached`),
  'nl.samenloop.goal-abandoned.v1': (d, lang) =>
    say(lang, `Doel op ${area(d, lang)} losgelaten`, `Goal for ${area(d, lang)} abandoned`),
  'nl.samenloop.referral-made.v1': (d, lang, name) => {
    const to = d.toPartner === undefined ? '' : ` (${name(String(d.toPartner))})`;
    return say(lang, 'Verwezen naar', 'Referred to') + ` ${service(d, lang)}${to}`;
  },
  'nl.samenloop.referral-accepted.v1': referralAnswer('geaccepteerd', 'accepted'),
  'nl.samenloop.referral-declined.v1': referralAnswer('afgewezen', 'declined'),
  'nl.samenloop.referral-cancelled.v1': referralAnswer('ingetrokken', 'cancelled'),
  'nl.samenloop.referral-completed.v1': (d, lang) =>
    referralAnswer('afgerond', 'completed')(d, lang, String) +
    ` (${label(REFERRAL_OUTCOME_LABELS, d.outcome, lang)})`,
  'nl.samenloop.ladder-step-reached.v1': (d, lang) =>
    `${say(lang, 'Participatieladder: trede', 'Participation ladder: rung')} ${rungLabel(d.rung, lang)}`,
  'nl.samenloop.consent-granted.v1': consentChange(
    (what, to) => `Toestemming gegeven om ${what} te delen met ${to}`,
    (what, to) => `Consent given to share ${what} with ${to}`,
  ),
  'nl.samenloop.consent-withdrawn.v1': consentChange(
    (what, to) => `Toestemming ingetrokken voor ${what} aan ${to}`,
    (what, to) => `Consent withdrawn for ${what} to ${to}`,
  ),
  'nl.samenloop.case-closed.v1': (d, lang) =>
    `${say(lang, 'Casus gesloten', 'Case closed')}: ${label(CLOSE_REASON_LABELS, d.reason, lang)}`,
  'nl.samenloop.client-erased.v1': (_d, lang) =>
    say(lang, 'Persoonsgegevens gewist', 'Personal data erased'),
};

/** One line for people about one event, from its stored details: no personal data, no free text. */
export function summarize(
  type: EventType,
  details: TimelineDetails,
  lang: Lang,
  name: PartnerName,
): string {
  return WRITERS[type](details, lang, name);
}
