import type { AccessLogView } from '../api/audit.contract';

/** The columns of the export, in order; English keys so that scripts can read any export. */
const COLUMNS: readonly [string, (entry: AccessLogView) => string][] = [
  ['seq', (e) => String(e.seq)],
  ['occurred_at', (e) => e.occurredAt],
  ['user', (e) => e.user],
  ['on_behalf_of', (e) => e.onBehalfOf ?? ''],
  ['partner', (e) => e.partnerId ?? ''],
  ['client', (e) => e.clientId ?? ''],
  ['action', (e) => e.action],
  ['channel', (e) => e.channel],
  ['access_point', (e) => e.accessPoint],
  ['event_types', (e) => e.disclosed?.types.join(' ') ?? ''],
  ['categories', (e) => e.disclosed?.categories.join(' ') ?? ''],
  ['basis', (e) => e.authorisation.basis],
  ['basis_reference', (e) => e.authorisation.reference],
  ['agreement_version', (e) => e.authorisation.version ?? ''],
  ['emergency', (e) => String(e.emergency)],
  ['origin', (e) => e.origin ?? ''],
  ['entry_id', (e) => e.id],
  ['hash', (e) => e.hash],
];

/**
 * A spreadsheet reads a cell starting with one of these as a formula (CSV injection): such a cell
 * gets a leading apostrophe, which shows it as the text it is.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** RFC 4180: every cell quoted, CRLF between records. */
export function accessLogCsv(entries: readonly AccessLogView[]): string {
  const lines = [
    COLUMNS.map(([name]) => csvCell(name)),
    ...entries.map((entry) => COLUMNS.map(([, value]) => csvCell(value(entry)))),
  ];
  return `${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
