import {
  CLOSE_REASON_LABELS,
  DATA_CATEGORY_LABELS,
  freeTextFieldsOf,
  label,
  type EventType,
  type Lang,
} from '@samenloop/domain';
import type { RecordedAccess } from '@samenloop/privacy';
import type { CaseStateView } from '../replay/case-state.view';
import type { PersonView } from '../replay/client-person';
import { eventSentence } from './event-sentences';
import { partnerKnowledge, type PartnerMoment } from './partner-knowledge';
import { readableTime, REPORT_WORDING, type ReportWording } from './report-wording';
import type { ExportedEvent, SubjectAccessReport } from './subject-access-report';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"'`]/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[
        character
      ]!,
  );
}

/**
 * The subject access report as one self-contained HTML page for the client it is about, in plain
 * Dutch or English: no codes, no JSON (the JSON export is for machines), no scripts, no external
 * resources, and every value from the data escaped.
 */
export function renderSubjectAccessHtml(report: SubjectAccessReport, lang: Lang = 'nl'): string {
  const words = REPORT_WORDING[lang];
  const time = (iso: string) =>
    `<time datetime="${escapeHtml(iso)}">${escapeHtml(readableTime(iso, lang))}</time>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(words.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:48rem;color:#222}
table{border-collapse:collapse;margin-bottom:1.5rem}
th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:600}li{margin:.3rem 0}
.note{margin:.2rem 0 0 1rem;color:#444;white-space:pre-wrap}
.erased{color:#a00;font-style:italic}
</style>
</head>
<body>
<h1>${escapeHtml(words.title)}</h1>
<p>${escapeHtml(words.intro(readableTime(report.generatedAt, lang)))}</p>
<h2>${escapeHtml(words.details)}</h2>
${detailsTable(report, words)}
<h2>${escapeHtml(words.file)}</h2>
${fileSentences(report.state, words, lang)}
<h2>${escapeHtml(words.timeline(report.events.length))}</h2>
<ol>
${report.events.map((event) => `<li>${time(event.occurredAt)}: ${escapeHtml(eventSentence(event, lang))}${notes(event, words)}</li>`).join('\n')}
</ol>
<h2>${escapeHtml(words.knew)}</h2>
<p>${escapeHtml(words.knewIntro)}</p>
${knowledgeSections(report, words, lang, time)}
<h2>${escapeHtml(words.accesses(report.accessLog.length))}</h2>
<ol>
${report.accessLog.map((access) => `<li>${time(access.occurredAt)}: ${escapeHtml(accessSentence(access, words))}</li>`).join('\n')}
</ol>
</body>
</html>
`;
}

function detailsTable(report: SubjectAccessReport, words: ReportWording): string {
  const { client } = report;
  const rows: [string, string][] = [
    [words.clientId, client.clientId],
    ...personRows(client.person, words),
    ...Object.entries(client.references).map(([partnerId, reference]): [string, string] => [
      words.referenceAt(partnerId),
      reference,
    ]),
  ];
  const table = rows
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  const status = personStatus(client.person, words);
  return `<table>\n${table}\n</table>${status}`;
}

function personRows(person: PersonView, words: ReportWording): [string, string][] {
  if (person === null || 'redacted' in person) return [];
  const rows: [string, string | undefined][] = [
    [words.givenName, person.givenName],
    [words.familyName, person.familyName],
    [words.birthDate, person.birthDate],
    [words.bsn, person.bsn],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined);
}

function personStatus(person: PersonView, words: ReportWording): string {
  if (person === null) return `\n<p>${escapeHtml(words.notEnrolled)}</p>`;
  if ('redacted' in person) return `\n<p class="erased">${escapeHtml(words.erased)}</p>`;
  return '';
}

function fileSentences(state: CaseStateView, words: ReportWording, lang: Lang): string {
  if (!state.enrolled) return `<p>${escapeHtml(words.notEnrolled)}</p>`;
  const sentences = [
    words.enrolled(
      readableTime(state.enrolledAt ?? '', lang),
      state.enrollingPartner ?? '',
      state.municipality ?? '',
    ),
    state.status === 'closed'
      ? words.closed(label(CLOSE_REASON_LABELS, state.closeReason, lang))
      : words.open,
    ...(state.lead ? [words.lead(state.lead.partner)] : []),
    ...(state.involved?.length ? [words.involved(state.involved.join(', '))] : []),
    ...(state.consents ?? []).map(({ fromPartner, toPartner, categories }) =>
      words.consent(
        categories.map((category) => label(DATA_CATEGORY_LABELS, category, lang)).join(', '),
        fromPartner,
        toPartner,
      ),
    ),
  ];
  return sentences.map((sentence) => `<p>${escapeHtml(sentence)}</p>`).join('\n');
}

/** What the partner wrote about the client in its own words, or that it was erased. */
function notes(event: ExportedEvent, words: ReportWording): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  return freeTextFieldsOf(event.type as EventType)
    .filter((field) => data[field] !== undefined)
    .map((field) => {
      const value = data[field];
      const shown =
        typeof value === 'string'
          ? escapeHtml(value)
          : `<span class="erased">${escapeHtml(words.noteErased)}</span>`;
      return `<p class="note">${escapeHtml(words.note(event.partnerId))}: ${shown}</p>`;
    })
    .join('');
}

function knowledgeSections(
  report: SubjectAccessReport,
  words: ReportWording,
  lang: Lang,
  time: (iso: string) => string,
): string {
  const knowledge = partnerKnowledge(report);
  if (knowledge.size === 0) return `<p>${escapeHtml(words.nothingShared)}</p>`;
  return [...knowledge]
    .map(
      ([partnerId, moments]) =>
        `<h3>${escapeHtml(partnerId)}</h3>\n<ul>\n${moments
          .map(
            (moment) =>
              `<li>${time(moment.at)}: ${momentHtml(partnerId, moment, words, lang)}</li>`,
          )
          .join('\n')}\n</ul>`,
    )
    .join('\n');
}

function momentHtml(partnerId: string, moment: PartnerMoment, words: ReportWording, lang: Lang) {
  const what = moment.action === 'recorded' ? words.recorded : actionWords(moment.action, words);
  const events = moment.events.length
    ? `<ul>${moment.events.map((event) => `<li>${escapeHtml(eventSentence(event, lang))}</li>`).join('')}</ul>`
    : '';
  return `${escapeHtml(`${partnerId} ${what}`)}${events}`;
}

function accessSentence(access: RecordedAccess, words: ReportWording): string {
  const who = access.partnerId ? `${access.user} (${access.partnerId})` : access.user;
  const why = words.authorisation(access.authorisation);
  return `${who} ${actionWords(access.action, words)}, ${why}${access.emergency ? `, ${words.emergency}` : ''}.`;
}

function actionWords(action: string, words: ReportWording): string {
  return words.actions[action] ?? action;
}
