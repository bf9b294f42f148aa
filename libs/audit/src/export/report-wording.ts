import type { Lang } from '@samenloop/domain';
import type { Authorisation } from '@samenloop/privacy';
import { ACCESS_ACTIONS } from '@samenloop/privacy';

/** The words of the subject access report, in the client's language. */
export interface ReportWording {
  title: string;
  intro: (generatedAt: string) => string;
  details: string;
  clientId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  bsn: string;
  referenceAt: (partnerId: string) => string;
  notEnrolled: string;
  erased: string;
  file: string;
  enrolled: (at: string, partnerId: string, municipality: string) => string;
  open: string;
  closed: (reason: string) => string;
  lead: (partnerId: string) => string;
  involved: (partners: string) => string;
  consent: (categories: string, from: string, to: string) => string;
  timeline: (count: number) => string;
  knew: string;
  knewIntro: string;
  nothingShared: string;
  recorded: string;
  note: (partnerId: string) => string;
  noteErased: string;
  accesses: (count: number) => string;
  emergency: string;
  /** What someone did with the client's data, after their name: "fetched through the feed". */
  actions: Readonly<Record<string, string>>;
  authorisation: (authorisation: Authorisation) => string;
}

const NL: ReportWording = {
  title: 'Inzage: wat Samenloop over u bewaart',
  intro: (at) =>
    `Dit overzicht laat alles zien wat Samenloop over u bewaart, gemaakt op ${at}. Dezelfde gegevens staan ook in een JSON-bestand, voor computers.`,
  details: 'Uw gegevens',
  clientId: 'Uw nummer bij Samenloop',
  givenName: 'Voornaam',
  familyName: 'Achternaam',
  birthDate: 'Geboortedatum',
  bsn: 'BSN',
  referenceAt: (partnerId) => `Uw kenmerk bij ${partnerId}`,
  notEnrolled: 'U bent niet (meer) aangemeld.',
  erased: 'Uw persoonsgegevens zijn gewist: niemand kan ze nog lezen.',
  file: 'Uw dossier nu',
  enrolled: (at, partnerId, municipality) =>
    `${partnerId} heeft u op ${at} aangemeld bij de gemeente ${municipality}.`,
  open: 'Uw dossier is open.',
  closed: (reason) => `Uw dossier is gesloten: ${reason}.`,
  lead: (partnerId) => `${partnerId} heeft de regie over uw ondersteuning.`,
  involved: (partners) => `Bij u betrokken: ${partners}.`,
  consent: (categories, from, to) =>
    `U gaf toestemming dat ${from} gegevens over ${categories} deelt met ${to}.`,
  timeline: (count) =>
    `Wat er gebeurde (${count} ${count === 1 ? 'gebeurtenis' : 'gebeurtenissen'})`,
  knew: 'Welke partner wat wist, en wanneer',
  knewIntro:
    'Per partner: wat die zelf vastlegde, wat die van Samenloop kreeg of in het dashboard zag, met de datum. Een partner krijgt alleen wat de samenwerkingsafspraak en uw toestemming toelaten; soms zonder alle details.',
  nothingShared: 'Samenloop heeft nog niets over u aan partners gegeven.',
  recorded: 'legde zelf vast',
  note: (partnerId) => `Toelichting van ${partnerId}`,
  noteErased: '(gewist)',
  accesses: (count) => `Wie uw gegevens heeft gezien (${count} keer)`,
  emergency: 'via de noodprocedure',
  actions: {
    [ACCESS_ACTIONS.feedRead]: 'haalde op via de feed',
    [ACCESS_ACTIONS.sseDelivery]: 'kreeg doorgestuurd via de live-feed',
    [ACCESS_ACTIONS.webhookDelivery]: 'kreeg doorgestuurd via een webhook',
    [ACCESS_ACTIONS.kafkaDelivery]: 'kreeg doorgestuurd via Kafka',
    [ACCESS_ACTIONS.timelineView]: 'bekeek uw tijdlijn in het dashboard',
    [ACCESS_ACTIONS.caseloadView]: 'zag u in een overzicht van cliënten',
    [ACCESS_ACTIONS.clientView]: 'bekeek uw gegevens in het dashboard',
    [ACCESS_ACTIONS.replay]: 'bekeek voor een controle hoe uw dossier er toen uitzag',
    [ACCESS_ACTIONS.export]: 'maakte dit overzicht',
    [ACCESS_ACTIONS.accessLogRead]: 'las wie uw gegevens zag',
    [ACCESS_ACTIONS.erasure]: 'wiste uw gegevens',
    [ACCESS_ACTIONS.erasurePlan]: 'bekeek wat het wissen van uw gegevens zou vernietigen',
    [ACCESS_ACTIONS.erasureRequest]: 'vroeg aan uw gegevens te wissen',
    [ACCESS_ACTIONS.erasureApproval]: 'keurde het wissen van uw gegevens goed',
  },
  authorisation: ({ basis, reference, version }) =>
    ({
      agreement: `op grond van de samenwerkingsafspraak met ${reference}${version ? ` (versie ${version})` : ''}`,
      consent: 'met uw toestemming',
      role: `in de rol ${reference}`,
      law: `op grond van de wet (${reference})`,
    })[basis],
};

const EN: ReportWording = {
  title: 'Subject access: what Samenloop holds about you',
  intro: (at) =>
    `This report shows everything Samenloop holds about you, made on ${at}. The same data is also in a JSON file, for computers.`,
  details: 'Your details',
  clientId: 'Your number at Samenloop',
  givenName: 'Given name',
  familyName: 'Family name',
  birthDate: 'Date of birth',
  bsn: 'BSN',
  referenceAt: (partnerId) => `Your reference at ${partnerId}`,
  notEnrolled: 'You are not (or no longer) enrolled.',
  erased: 'Your personal data has been erased: no one can read it any more.',
  file: 'Your file now',
  enrolled: (at, partnerId, municipality) =>
    `${partnerId} enrolled you with the municipality ${municipality} on ${at}.`,
  open: 'Your file is open.',
  closed: (reason) => `Your file is closed: ${reason}.`,
  lead: (partnerId) => `${partnerId} leads your support.`,
  involved: (partners) => `Involved with you: ${partners}.`,
  consent: (categories, from, to) => `You consented to ${from} sharing ${categories} with ${to}.`,
  timeline: (count) => `What happened (${count} ${count === 1 ? 'event' : 'events'})`,
  knew: 'Which partner knew what, and when',
  knewIntro:
    'For each partner: what it recorded itself, and what it was given by Samenloop or saw in the dashboard, with the date. A partner is given only what its data-sharing agreement and your consent allow, sometimes without every detail.',
  nothingShared: 'Samenloop has not given anything about you to a partner yet.',
  recorded: 'recorded itself',
  note: (partnerId) => `Note from ${partnerId}`,
  noteErased: '(erased)',
  accesses: (count) => `Who saw your data (${count} ${count === 1 ? 'time' : 'times'})`,
  emergency: 'under the emergency procedure',
  actions: {
    [ACCESS_ACTIONS.feedRead]: 'fetched through the feed',
    [ACCESS_ACTIONS.sseDelivery]: 'was sent through the live feed',
    [ACCESS_ACTIONS.webhookDelivery]: 'was sent through a webhook',
    [ACCESS_ACTIONS.kafkaDelivery]: 'was sent through Kafka',
    [ACCESS_ACTIONS.timelineView]: 'viewed your timeline in the dashboard',
    [ACCESS_ACTIONS.caseloadView]: 'saw you in a list of clients',
    [ACCESS_ACTIONS.clientView]: 'viewed your details in the dashboard',
    [ACCESS_ACTIONS.replay]: 'reviewed, for an audit, your file as it was then',
    [ACCESS_ACTIONS.export]: 'made this report',
    [ACCESS_ACTIONS.accessLogRead]: 'read who saw your data',
    [ACCESS_ACTIONS.erasure]: 'erased your data',
    [ACCESS_ACTIONS.erasurePlan]: 'looked at what erasing your data would destroy',
    [ACCESS_ACTIONS.erasureRequest]: 'asked for your data to be erased',
    [ACCESS_ACTIONS.erasureApproval]: 'approved the erasure of your data',
  },
  authorisation: ({ basis, reference, version }) =>
    ({
      agreement: `under the data-sharing agreement with ${reference}${version ? ` (version ${version})` : ''}`,
      consent: 'with your consent',
      role: `in the role ${reference}`,
      law: `by law (${reference})`,
    })[basis],
};

export const REPORT_WORDING: Readonly<Record<Lang, ReportWording>> = { nl: NL, en: EN };

/** A moment as people in the Netherlands read it, e.g. "3 maart 2026 om 10:00". */
export function readableTime(iso: string, lang: Lang): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return time.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  });
}
