import type { DataCategory, PartnerName } from '@samenloop/domain';
import type { SignalRule, SignalView } from '@samenloop/contracts';
import { label, SERVICE_LABELS, type Lang } from '@samenloop/domain';
import { SIGNAL_RULES, type Signal } from './signal.rules';

const DAY_MS = 86_400_000;

/** The data category a signal reveals: a viewer whose agreement lacks it does not see it. */
export const SIGNAL_CATEGORY: Readonly<Record<SignalRule, DataCategory>> = {
  'unreached-after-attempts': 'contact',
  'referral-unanswered': 'referral',
  'working-past-each-other': 'contact',
  'no-contact': 'contact',
  'no-case-lead': 'involvement',
};

const say = (lang: Lang, nl: string, en: string) => (lang === 'nl' ? nl : en);

function summaryOf(signal: Signal, lang: Lang, name: PartnerName, now: Date): string {
  switch (signal.rule) {
    case 'unreached-after-attempts': {
      const { attempts } = signal;
      const days = SIGNAL_RULES.attemptWindowDays;
      return say(
        lang,
        `${attempts} contactpogingen in de afgelopen ${days} dagen zonder de cliënt te bereiken`,
        `${attempts} contact attempts in the last ${days} days without reaching the client`,
      );
    }
    case 'referral-unanswered': {
      const { services } = signal;
      const days = SIGNAL_RULES.referralWorkingDays;
      if (services.length === 1) {
        const service = label(SERVICE_LABELS, services[0], lang);
        return say(
          lang,
          `Verwijzing naar ${service} al meer dan ${days} werkdagen onbeantwoord`,
          `Referral to ${service} unanswered for more than ${days} working days`,
        );
      }
      return say(
        lang,
        `${services.length} verwijzingen al meer dan ${days} werkdagen onbeantwoord`,
        `${services.length} referrals unanswered for more than ${days} working days`,
      );
    }
    case 'working-past-each-other': {
      const [first, second] = signal.partners.map(name);
      const days = SIGNAL_RULES.visitsWithinDays;
      return say(
        lang,
        `${first} en ${second} bezochten de cliënt binnen ${days} dagen, zonder de regiehouder`,
        `${first} and ${second} visited the client within ${days} days, neither of them the case lead`,
      );
    }
    case 'no-contact': {
      const days =
        Math.floor((now.getTime() - signal.since.getTime()) / DAY_MS) + SIGNAL_RULES.noContactDays;
      return signal.lastContactAt === null
        ? say(
            lang,
            `Nog geen contact sinds de aanmelding, ${days} dagen geleden`,
            `No contact since enrolment, ${days} days ago`,
          )
        : say(
            lang,
            `Al ${days} dagen geen contact met de cliënt`,
            `No contact with the client for ${days} days`,
          );
    }
    case 'no-case-lead':
      return say(lang, 'Geen regiehouder toegewezen', 'No case lead assigned');
  }
}

export function signalView(signal: Signal, lang: Lang, name: PartnerName, now: Date): SignalView {
  return {
    rule: signal.rule,
    since: signal.since.toISOString(),
    summary: summaryOf(signal, lang, name, now),
  };
}

export function signalViews(
  signals: readonly Signal[],
  lang: Lang,
  name: PartnerName,
  now: Date,
): SignalView[] {
  return signals.map((signal) => signalView(signal, lang, name, now));
}
