import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Lang } from '../api/api.client';
import { en } from './en.dictionary';
import { nl, type Dictionary } from './nl.dictionary';

const DICTIONARIES: Record<Lang, Dictionary> = { nl, en };

/** Each language named in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Lang, string> = { nl: nl.languageName, en: en.languageName };
const STORAGE_KEY = 'samenloop.lang';

export interface I18n {
  lang: Lang;
  t: Dictionary;
  setLang: (lang: Lang) => void;
  /** 3 mrt. 2026 / 3 Mar 2026 */
  date: (iso: string) => string;
  /** A calendar date without a time (`2026-03-03`), as 3 mrt. 2026 wherever the browser is. */
  day: (isoDate: string) => string;
  /** 3 mrt. 2026, 14:05 */
  dateTime: (iso: string) => string;
  /** "vandaag", "gisteren", "12 dagen geleden" */
  ago: (iso: string, now?: Date) => string;
  percent: (share: number) => string;
  number: (value: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // Storage may be off (private mode); Dutch is the default.
  }
  return 'nl';
}

const DAY_MS = 86_400_000;

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, still switched.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const t = DICTIONARIES[lang];
    const dateFormat = new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium' });
    const dayFormat = new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const dateTimeFormat = new Intl.DateTimeFormat(t.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    const percentFormat = new Intl.NumberFormat(t.locale, {
      style: 'percent',
      maximumFractionDigits: 0,
    });
    const numberFormat = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 1 });
    return {
      lang,
      t,
      setLang,
      date: (iso) => dateFormat.format(new Date(iso)),
      day: (isoDate) => dayFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
      dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
      ago: (iso, now = new Date()) => {
        const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
        const then = new Date(iso).getTime();
        if (then >= startOfToday) return t.time.today;
        const days = Math.ceil((startOfToday - then) / DAY_MS);
        return days <= 1 ? t.time.yesterday : t.time.daysAgo(days);
      },
      percent: (share) => percentFormat.format(share),
      number: (n) => numberFormat.format(n),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
