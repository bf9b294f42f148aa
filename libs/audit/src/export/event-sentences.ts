import {
  CHANNEL_LABELS,
  CLOSE_REASON_LABELS,
  CONTACT_OUTCOME_LABELS,
  DATA_CATEGORY_LABELS,
  label,
  LIFE_AREA_LABELS,
  LOCATION_LABELS,
  REFERRAL_OUTCOME_LABELS,
  rungLabel,
  SERVICE_LABELS,
  type EventType,
  type Labels,
  type Lang,
} from '@samenloop/domain';

type Data = Readonly<Record<string, unknown>>;
/** A sentence to the client about what `by` did, in `lang`. */
type Writer = (by: string, data: Data, lang: Lang) => string;
type ConsentWriter = (by: string, what: string, to: string) => string;

const say = (lang: Lang, nl: string, en: string) => (lang === 'nl' ? nl : en);
const text = (value: unknown) => String(value ?? '');
const labelsOf = <K extends string>(labels: Labels<K>, value: unknown, lang: Lang) =>
  (Array.isArray(value) ? value : []).map((code) => label(labels, code, lang));
const list = (values: readonly string[], lang: Lang) =>
  values.length < 2
    ? (values[0] ?? '')
    : `${values.slice(0, -1).join(', ')} ${say(lang, 'en', 'and')} ${values.at(-1)}`;

/** A sentence about consent to share some categories with a partner, in either language. */
function consent(nl: ConsentWriter, en: ConsentWriter): Writer {
  return (by, d, lang) => {
    const what = list(labelsOf(DATA_CATEGORY_LABELS, d.categories, lang), lang);
    return (lang === 'nl' ? nl : en)(by, what, text(d.toPartner));
  };
}

const SENTENCES: Readonly<Record<EventType, Writer>> = {
  'nl.samenloop.client-enrolled.v1': (by, d, lang) =>
    say(
      lang,
      `${by} heeft u aangemeld bij de gemeente ${text(d.municipality)}`,
      `${by} enrolled you with the municipality ${text(d.municipality)}`,
    ) +
    (d.startRung === undefined
      ? '.'
      : say(lang, ', op trede ', ', on rung ') +
        `${rungLabel(d.startRung, lang)}${say(lang, ' van de participatieladder.', ' of the participation ladder.')}`),
  'nl.samenloop.client-reference-linked.v1': (by, _d, lang) =>
    say(
      lang,
      `${by} heeft een eigen kenmerk aan uw dossier gekoppeld.`,
      `${by} linked a reference of its own to your file.`,
    ),
  'nl.samenloop.involvement-signalled.v1': (by, _d, lang) =>
    say(
      lang,
      `${by} heeft gemeld dat het bij u betrokken is.`,
      `${by} reported being involved with you.`,
    ),
  'nl.samenloop.involvement-ended.v1': (by, _d, lang) =>
    say(lang, `${by} is niet meer bij u betrokken.`, `${by} is no longer involved with you.`),
  'nl.samenloop.involvement-confirmed.v1': (by, d, lang) =>
    say(
      lang,
      `${by} heeft bevestigd dat ${text(d.partner)} bij u betrokken is.`,
      `${by} confirmed that ${text(d.partner)} is involved with you.`,
    ),
  'nl.samenloop.case-lead-assigned.v1': (by, d, lang) =>
    say(
      lang,
      `${by} heeft de regie over uw ondersteuning bij ${text(d.leadPartner)} gelegd.`,
      `${by} made ${text(d.leadPartner)} the lead of your support.`,
    ),
  'nl.samenloop.contact-attempted.v1': (by, d, lang) =>
    say(
      lang,
      `${by} heeft geprobeerd u te bereiken (${label(CHANNEL_LABELS, d.channel, lang)}): ${label(CONTACT_OUTCOME_LABELS, d.outcome, lang)}.`,
      `${by} tried to reach you (${label(CHANNEL_LABELS, d.channel, lang)}): ${label(CONTACT_OUTCOME_LABELS, d.outcome, lang)}.`,
    ),
  'nl.samenloop.visit-held.v1': (by, d, lang) => {
    const areas = list(labelsOf(LIFE_AREA_LABELS, d.lifeAreasDiscussed, lang), lang);
    return (
      say(
        lang,
        `${by} heeft een gesprek met u gehad (${label(LOCATION_LABELS, d.location, lang)})`,
        `${by} had a conversation with you (${label(LOCATION_LABELS, d.location, lang)})`,
      ) + (areas ? say(lang, ` over ${areas}.`, ` about ${areas}.`) : '.')
    );
  },
  'nl.samenloop.life-areas-assessed.v1': (by, d, lang) => {
    const areas = Object.keys((d.scores as object | undefined) ?? {}).length;
    return say(
      lang,
      `${by} heeft op ${areas} leefgebieden beoordeeld hoe het met u gaat.`,
      `${by} assessed how you are doing in ${areas} areas of life.`,
    );
  },
  'nl.samenloop.goal-set.v1': (by, d, lang) =>
    say(
      lang,
      `${by} heeft met u een doel gesteld voor ${label(LIFE_AREA_LABELS, d.lifeArea, lang)}.`,
      `${by} set a goal with you for ${label(LIFE_AREA_LABELS, d.lifeArea, lang)}.`,
    ),
  'nl.samenloop.goal-achieved.v1': (by, _d, lang) =>
    say(
      lang,
      `${by} heeft vastgelegd dat u een doel bereikt hebt.`,
      `${by} recorded that you reached a goal.`,
    ),
  'nl.samenloop.goal-abandoned.v1': (by, _d, lang) =>
    say(
      lang,
      `${by} heeft vastgelegd dat een doel is losgelaten.`,
      `${by} recorded that a goal was given up.`,
    ),
  'nl.samenloop.referral-made.v1': (by, d, lang) => {
    const service = label(SERVICE_LABELS, d.service, lang);
    const at = d.toPartner === undefined ? '' : say(lang, ' bij ', ' at ') + text(d.toPartner);
    return say(
      lang,
      `${by} heeft u verwezen naar ${service}${at}.`,
      `${by} referred you to ${service}${at}.`,
    );
  },
  'nl.samenloop.referral-accepted.v1': (by, _d, lang) =>
    say(
      lang,
      `${by} heeft een verwijzing voor u aangenomen.`,
      `${by} accepted a referral for you.`,
    ),
  'nl.samenloop.referral-declined.v1': (by, _d, lang) =>
    say(lang, `${by} heeft een verwijzing voor u afgewezen.`, `${by} declined a referral for you.`),
  'nl.samenloop.referral-completed.v1': (by, d, lang) =>
    say(
      lang,
      `${by} heeft een verwijzing afgerond: ${label(REFERRAL_OUTCOME_LABELS, d.outcome, lang)}.`,
      `${by} completed a referral: ${label(REFERRAL_OUTCOME_LABELS, d.outcome, lang)}.`,
    ),
  'nl.samenloop.referral-cancelled.v1': (by, _d, lang) =>
    say(lang, `${by} heeft een verwijzing ingetrokken.`, `${by} cancelled a referral.`),
  'nl.samenloop.ladder-step-reached.v1': (by, d, lang) =>
    say(
      lang,
      `${by} heeft vastgelegd dat u op trede ${rungLabel(d.rung, lang)} van de participatieladder staat.`,
      `${by} recorded that you are on rung ${rungLabel(d.rung, lang)} of the participation ladder.`,
    ),
  'nl.samenloop.consent-granted.v1': consent(
    (by, what, to) =>
      `${by} heeft uw toestemming vastgelegd om gegevens over ${what} te delen met ${to}.`,
    (by, what, to) => `${by} recorded your consent to share ${what} with ${to}.`,
  ),
  'nl.samenloop.consent-withdrawn.v1': consent(
    (by, what, to) =>
      `${by} heeft vastgelegd dat u uw toestemming om gegevens over ${what} te delen met ${to} hebt ingetrokken.`,
    (by, what, to) => `${by} recorded that you withdrew your consent to share ${what} with ${to}.`,
  ),
  'nl.samenloop.case-closed.v1': (by, d, lang) =>
    say(
      lang,
      `${by} heeft uw dossier gesloten: ${label(CLOSE_REASON_LABELS, d.reason, lang)}.`,
      `${by} closed your file: ${label(CLOSE_REASON_LABELS, d.reason, lang)}.`,
    ),
  'nl.samenloop.client-erased.v1': (by, _d, lang) =>
    say(lang, `${by} heeft uw persoonsgegevens gewist.`, `${by} erased your personal data.`),
};

/** One plain sentence to the client about one event: who did what, without codes or JSON. */
export function eventSentence(
  event: { type: string; partnerId: string; data: unknown },
  lang: Lang,
): string {
  const write = SENTENCES[event.type as EventType];
  const data = (event.data ?? {}) as Data;
  return write
    ? write(event.partnerId, data, lang)
    : say(
        lang,
        `${event.partnerId} heeft iets vastgelegd.`,
        `${event.partnerId} recorded something.`,
      );
}
