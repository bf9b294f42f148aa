import type { RecordedAccess } from '../access-log/access-log.entry';
import type { PersonView } from '../replay/client-person';
import type { ExportedEvent, SubjectAccessReport } from './subject-access.report';

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
 * The subject access report as one self-contained HTML page for people: no scripts, no external
 * resources, and every value from the data escaped.
 */
export function renderSubjectAccessHtml(report: SubjectAccessReport): string {
  const { client } = report;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Subject access report ${escapeHtml(client.clientId)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}pre{margin:0;white-space:pre-wrap;font-size:12px}
.redacted{color:#a00;font-style:italic}
</style>
</head>
<body>
<h1>Subject access report</h1>
<p>Everything Samenloop holds about this client, generated ${escapeHtml(report.generatedAt)}.</p>
<h2>Client</h2>
<table>
<tr><th>Hub client id</th><td>${escapeHtml(client.clientId)}</td></tr>
<tr><th>Status</th><td>${escapeHtml(client.status)}</td></tr>
${personRows(client.person)}
${Object.entries(client.references)
  .map(
    ([partner, reference]) =>
      `<tr><th>Reference at ${escapeHtml(partner)}</th><td>${escapeHtml(reference)}</td></tr>`,
  )
  .join('\n')}
</table>
<h2>Case as it stands</h2>
<pre>${escapeHtml(JSON.stringify(report.state, null, 2))}</pre>
<h2>Timeline (${report.events.length} events)</h2>
<table>
<tr><th>#</th><th>Recorded</th><th>Happened</th><th>Partner</th><th>What</th><th>Data</th></tr>
${report.events.map(eventRow).join('\n')}
</table>
<h2>Who accessed this client's data (${report.accessLog.length} entries)</h2>
<table>
<tr><th>When</th><th>Action</th><th>User</th><th>On behalf of</th><th>Partner</th><th>Access point</th><th>Authorisation</th><th>Emergency</th></tr>
${report.accessLog.map(accessRow).join('\n')}
</table>
</body>
</html>
`;
}

function personRows(person: PersonView): string {
  if (person === null) return '<tr><th>Person</th><td>not enrolled</td></tr>';
  if ('redacted' in person) {
    return '<tr><th>Person</th><td class="redacted">erased: the personal data can no longer be decrypted</td></tr>';
  }
  const rows: [string, string | undefined][] = [
    ['Given name', person.givenName],
    ['Family name', person.familyName],
    ['Birth date', person.birthDate],
    ['BSN', person.bsn],
  ];
  return rows
    .filter(([, value]) => value !== undefined)
    .map(([label, value]) => `<tr><th>${label}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
}

function eventRow(event: ExportedEvent): string {
  const who = event.actor ? `${event.partnerId} (${event.actor})` : event.partnerId;
  return `<tr><td>${event.position}</td><td>${escapeHtml(event.recordedAt)}</td><td>${escapeHtml(
    event.occurredAt,
  )}</td><td>${escapeHtml(who)}</td><td>${escapeHtml(event.summary)}</td><td><pre>${escapeHtml(
    JSON.stringify(event.data, null, 2),
  )}</pre></td></tr>`;
}

function accessRow(entry: RecordedAccess): string {
  const { basis, reference, version } = entry.authorisation;
  const authorisation = `${basis}: ${reference}${version ? ` (version ${version})` : ''}`;
  return `<tr><td>${escapeHtml(entry.occurredAt)}</td><td>${escapeHtml(entry.action)}</td><td>${escapeHtml(
    entry.user,
  )}</td><td>${escapeHtml(entry.onBehalfOf ?? '')}</td><td>${escapeHtml(entry.partnerId ?? '')}</td><td>${escapeHtml(
    entry.accessPoint,
  )}</td><td>${escapeHtml(authorisation)}</td><td>${entry.emergency ? 'yes' : 'no'}</td></tr>`;
}
