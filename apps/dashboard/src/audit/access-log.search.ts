import type { AccessLogSearch } from '../api/audit.client';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIELDS = ['client', 'partner', 'user', 'channel', 'from', 'to'] as const;

/** The search as the address holds it: the period as calendar days (`from` to `to`, inclusive). */
export function readSearch(query: URLSearchParams): AccessLogSearch {
  const search: AccessLogSearch = {};
  for (const field of FIELDS) {
    const value = query.get(field)?.trim();
    if (!value) continue;
    if ((field === 'from' || field === 'to') && !ISO_DATE.test(value)) continue;
    search[field] = value;
  }
  return search;
}

export function writeSearch(search: AccessLogSearch): string {
  const query = new URLSearchParams();
  for (const field of FIELDS) {
    const value = search[field]?.trim();
    if (value) query.set(field, value);
  }
  const text = query.toString();
  return `/audit/access-log${text ? `?${text}` : ''}`;
}

/** The API's search: days become the instants they start and end at in the browser's zone. */
export function apiSearch(search: AccessLogSearch): AccessLogSearch {
  const startOf = (day: string, days = 0) => {
    const [year, month, date] = day.split('-').map(Number);
    return new Date(year!, month! - 1, date! + days).toISOString();
  };
  return {
    ...search,
    from: search.from && startOf(search.from),
    to: search.to && startOf(search.to, 1),
  };
}
