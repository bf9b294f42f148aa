import type { APIRequestContext } from 'playwright-core';
import { seriousViolations } from './support/accessibility-scan';
import { launchBrowser, screenshot, type Page, type TestBrowser } from './support/browser';
import { pageProblems, startDemoHub, type DemoHub } from './support/demo-hub';
import {
  countOutcomes,
  readEventLog,
  type CountedOutcomes,
  type OutcomesScope,
} from './support/outcomes-count';

// The case lead's journey in a real browser, against the built hub on its embedded PostgreSQL with
// the pilot of issue 5 (`samenloop demo --clients 300`): sign in, the caseload page by page, one
// client's merged timeline, and outcomes that match a count over the event log.
const TIMEOUT_MS = 420_000;
const CLIENTS = 300;
const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;
const PASSWORD = 'demo-password-e2e';
const LEAD = 'lead@gemeente-helmond';
const SHOTS = 'dashboard';

interface Row {
  reference: string;
  signals: unknown[];
}
interface Entry {
  occurredAt: string;
  partner: { id: string; name: string };
  restricted: boolean;
}

describe('the case-lead dashboard in a browser', () => {
  let demo: DemoHub;
  let url: string;
  let adminToken: string;
  let browser: TestBrowser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    demo = await startDemoHub({
      name: 'dashboard',
      password: PASSWORD,
      clients: CLIENTS,
      seed: 2026,
    });
    ({ url, adminToken } = demo);
    browser = await launchBrowser();
    page = await browser.newPage();
    problems = pageProblems(page);
  }, TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it(
    'signs in, pages through the clients, opens a merged timeline, and shows outcomes that match the events',
    async () => {
      // Signing in: labelled fields, a wrong password is announced, the right one gets in.
      await page.goto(`${url}/dashboard/`);
      await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
      await screenshot(page, SHOTS, '01-sign-in');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('Gebruikersnaam').fill(LEAD);
      await page.getByLabel('Wachtwoord').fill('not-the-password');
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('alert').filter({ hasText: 'klopt niet' }).waitFor();
      await page.getByLabel('Wachtwoord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Caseload' }).waitFor();
      expect(await page.getByRole('banner').textContent()).toContain('Gemeente Helmond');

      // The projections catch up in the background: wait until they have every event.
      const api = page.context().request;
      await waitFor(() => caughtUp(url, adminToken), 'the read models to catch up with the demo');
      expect((await caseload(api, url, 'limit=1')).total).toBe(CLIENTS);

      // The municipality is involved with every client; closed ones count too.
      await page.getByLabel('Alle betrokken cliënten').check();
      await page.getByLabel('Status').selectOption('all');
      await page
        .getByRole('status')
        .filter({ hasText: `${CLIENTS} cliënten gevonden` })
        .waitFor();
      const table = page.getByRole('table', { name: 'Cliënten in de caseload' });
      expect(await table.locator('tbody tr').count()).toBe(PAGE_SIZE);
      // Signals show as an icon and a word.
      const badge = table.locator('.signal').first();
      await badge.waitFor();
      expect((await badge.textContent())?.trim()).not.toBe('');
      expect(await badge.locator('svg').count()).toBe(1);

      // Sorting is announced on the column header.
      const header = page.getByRole('columnheader', { name: 'Cliënt', exact: true });
      await header.getByRole('button').click();
      await waitFor(
        async () => (await header.getAttribute('aria-sort')) === 'ascending',
        'the caseload to sort by client',
        10_000,
      );
      await screenshot(page, SHOTS, '02-caseload');
      expect(await seriousViolations(page)).toEqual([]);

      // Paging through with the page's own controls shows every client exactly once.
      const pages = Math.ceil(CLIENTS / PAGE_SIZE);
      const references = table.locator('tbody .client-link');
      const seen = [await references.allTextContents()];
      for (let number = 2; number <= pages; number++) {
        const previous = seen.at(-1)!;
        await page.getByRole('button', { name: 'Volgende' }).click();
        await page.getByText(`Pagina ${number} van ${pages}`).waitFor();
        let shown: string[] = [];
        await waitFor(
          async () => {
            shown = await references.allTextContents();
            return shown[0] !== previous[0];
          },
          `page ${number} of the caseload`,
          10_000,
        );
        seen.push(shown);
      }
      expect(
        await page.getByText(`${CLIENTS - PAGE_SIZE + 1}–${CLIENTS} van ${CLIENTS}`).count(),
      ).toBe(1);
      expect(
        await page.getByRole('button', { name: 'Volgende' }).getAttribute('aria-disabled'),
      ).toBe('true');
      await screenshot(page, SHOTS, '02-caseload-last-page');
      expect(await seriousViolations(page)).toEqual([]);
      expect(seen.map((rows) => rows.length)).toEqual(
        Array.from({ length: pages }, (_, index) =>
          Math.min(PAGE_SIZE, CLIENTS - index * PAGE_SIZE),
        ),
      );
      expect(new Set(seen.flat()).size).toBe(CLIENTS);
      // Sorted by client across pages, not only within one.
      expect(seen.flat()).toEqual(
        [...seen.flat()].sort((a, b) => a.localeCompare(b, 'nl', { numeric: true })),
      );

      // A client on whom three partners or more wrote, with an entry this lead may not read.
      const client = await clientWithMergedTimeline(api, url);
      await page.getByLabel('Zoeken').fill(client.reference);
      await page.getByRole('status').filter({ hasText: '1 cliënt gevonden' }).waitFor();
      await table.getByRole('link', { name: client.reference, exact: true }).click();
      const timeline = page.getByRole('region', { name: 'Tijdlijn' });
      const entries = timeline.getByRole('listitem');
      await entries.first().waitFor();

      expect(await entries.count()).toBe(client.entries.length);
      const shown = await entries.evaluateAll((items) =>
        items.map((item) => ({
          at: item.querySelector('time')!.getAttribute('datetime')!,
          partner: item.querySelector('.timeline__partner')!.textContent!,
          restricted: item.classList.contains('timeline__entry--restricted'),
        })),
      );
      expect(shown.map((entry) => entry.partner)).toEqual(
        client.entries.map((entry) => entry.partner.name),
      );
      const times = shown.map((entry) => entry.at);
      expect(times).toEqual([...times].sort());
      expect(new Set(shown.map((entry) => entry.partner)).size).toBeGreaterThanOrEqual(3);
      // A restricted entry shows who and when, and says that it is restricted.
      const restricted = shown.findIndex((entry) => entry.restricted);
      expect(restricted).toBeGreaterThanOrEqual(0);
      expect(await entries.nth(restricted).textContent()).toContain('Afgeschermd');
      await page
        .getByRole('img', { name: /Participatieladder/ })
        .first()
        .waitFor();
      if (client.signals > 0) {
        await page.getByRole('heading', { level: 2, name: 'Signalen' }).waitFor();
      }
      await screenshot(page, SHOTS, '03-client');
      expect(await seriousViolations(page)).toEqual([]);

      // Outcomes: charts with their numbers as text, and the figures that a count over the event
      // log gives: for every municipality of all time, for Helmond in a period that cuts through
      // the pilot (its clients enrolled over the 300 days before the demo ran), and for a
      // municipality without clients.
      await page.getByRole('link', { name: 'Uitkomsten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Uitkomsten' }).waitFor();
      await page.getByRole('img', { name: /Aandelen/ }).waitFor();
      await page.getByRole('img', { name: /Cliënten per huidige trede/ }).waitFor();
      await screenshot(page, SHOTS, '04-outcomes');
      expect(await seriousViolations(page)).toEqual([]);
      const log = await readEventLog(demo.dataDir);
      const everyone: OutcomesScope = { viewerPartner: await partnerOf(api, url) };
      const counted = countOutcomes(log, everyone);
      expect(counted.clients).toBe(CLIENTS);
      expect(await shownOutcomes(page)).toEqual(expectedOutcomes(counted));

      const helmond: OutcomesScope = {
        ...everyone,
        municipality: 'GM0794',
        from: isoDay(Date.now() - 240 * DAY_MS),
        to: isoDay(Date.now() - 90 * DAY_MS),
      };
      await applyOutcomesFilters(page, helmond);
      const period = countOutcomes(log, helmond);
      expect(await shownOutcomes(page)).toEqual(expectedOutcomes(period));
      expect(period.clients).toBeGreaterThan(0);
      expect(period.clients).toBeLessThan(CLIENTS);
      await screenshot(page, SHOTS, '04-outcomes-period');
      expect(await seriousViolations(page)).toEqual([]);

      const elsewhere: OutcomesScope = { ...everyone, municipality: 'GM0796' };
      await applyOutcomesFilters(page, elsewhere);
      const none = countOutcomes(log, elsewhere);
      expect(none.clients).toBe(0);
      expect(await shownOutcomes(page)).toEqual(expectedOutcomes(none));

      // English on request, remembered; then signing out returns to the sign-in form.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Outcomes' }).waitFor();
      await screenshot(page, SHOTS, '05-outcomes-en');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

      expect(problems).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it('serves the page for its own routes and keeps API 404s as problem+json', async () => {
    const deepLink = await fetch(`${url}/dashboard/clients/GM-unknown`, {
      headers: { accept: 'text/html' },
    });
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<div id="root">');

    const api = await fetch(`${url}/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

async function caseload(
  api: APIRequestContext,
  url: string,
  query: string,
): Promise<{ total: number; rows: Row[] }> {
  const response = await api.get(`${url}/v1/dashboard/caseload?scope=involved&${query}`);
  if (!response.ok()) throw new Error(`caseload: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { total: number; rows: Row[] };
}

async function clientWithMergedTimeline(
  api: APIRequestContext,
  url: string,
): Promise<{ reference: string; entries: Entry[]; signals: number }> {
  const { rows } = await caseload(api, url, `limit=${CLIENTS}&sort=signals&order=desc`);
  for (const row of rows) {
    const response = await api.get(
      `${url}/v1/dashboard/clients/${encodeURIComponent(row.reference)}/timeline`,
    );
    const { entries } = (await response.json()) as { entries: Entry[] };
    const partners = new Set(entries.map((entry) => entry.partner.id));
    if (partners.size >= 3 && entries.some((entry) => entry.restricted)) {
      return { reference: row.reference, entries, signals: row.signals.length };
    }
  }
  throw new Error('no demo client has a timeline of three partners with a restricted entry');
}

/** Every read-model projection has processed the whole log. */
async function caughtUp(url: string, adminToken: string): Promise<boolean> {
  const scraped = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const metrics = await scraped.text();
  const lags = [
    ...metrics.matchAll(/^samenloop_worker_lag_events\{worker="read-models\.[^"]+"\} (\d+)$/gm),
  ];
  return lags.length > 0 && lags.every(([, events]) => events === '0');
}

async function partnerOf(api: APIRequestContext, url: string): Promise<string> {
  const session = (await (await api.get(`${url}/v1/dashboard/session`)).json()) as {
    partner: { id: string };
  };
  return session.partner.id;
}

/** Fills in the outcomes page's filters and waits for the figures of that scope. */
async function applyOutcomesFilters(page: Page, scope: OutcomesScope): Promise<void> {
  await page.getByLabel('Gemeente (CBS-code)').fill(scope.municipality ?? '');
  await page.getByLabel('Ingeschreven vanaf').fill(scope.from ?? '');
  await page.getByLabel('Ingeschreven tot en met').fill(scope.to ?? '');
  await page.getByRole('button', { name: 'Toepassen' }).click();
  const municipality = scope.municipality ?? 'Alle gemeenten';
  const period = scope.from || scope.to ? 'ingeschreven' : 'Alle inschrijvingen';
  await page
    .locator('.scope-line')
    .filter({ hasText: `${municipality} · ${period}` })
    .waitFor();
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface ShownOutcomes {
  clients: number | null;
  ladderRise: { percent: number | null; of: string };
  goalReached: { percent: number | null; of: string };
  attempts: number | null;
  visits: number | null;
  rungs: (number | null)[];
}

/** A figure as the page writes it (`86%`, `3,5`, `–` when there is none) as a number. */
function figure(text: string | null): number | null {
  const digits = (text ?? '').replace(/[^\d,]/g, '').replace(',', '.');
  return digits === '' ? null : Number(digits);
}

/** The key figures and the rung table of the outcomes page, read as a reader sees them. */
async function shownOutcomes(page: Page): Promise<ShownOutcomes> {
  const stat = (label: string) => {
    const item = page
      .locator('.stat')
      .filter({ has: page.getByRole('term').getByText(label, { exact: true }) });
    return {
      value: item.locator('.stat__value'),
      note: item.locator('.stat__note'),
    };
  };
  const share = async (label: string) => {
    const { value, note } = stat(label);
    return { percent: figure(await value.textContent()), of: (await note.textContent()) ?? '' };
  };
  return {
    clients: figure(await stat('Cliënten').value.textContent()),
    ladderRise: await share('Gestegen op de ladder'),
    goalReached: await share('Doel bereikt'),
    attempts: figure(
      await stat('Belpogingen tot de eerste afspraak (mediaan)').value.textContent(),
    ),
    visits: figure(
      await stat('Gesprekken tot alle leefgebieden in kaart zijn (mediaan)').value.textContent(),
    ),
    rungs: (await page.locator('.chart__table tbody td').allTextContents()).map(figure),
  };
}

function expectedOutcomes(counted: CountedOutcomes): ShownOutcomes {
  const share = (part: number, whole: number) =>
    whole === 0
      ? { percent: null, of: 'Nog niet genoeg gegevens' }
      : { percent: Math.round((100 * part) / whole), of: `${part} van ${whole}` };
  return {
    clients: counted.clients,
    ladderRise: share(counted.ladderRise.rose, counted.ladderRise.clients),
    goalReached: share(counted.goalReached.reached, counted.goalReached.clients),
    attempts: counted.medianAttemptsBeforeFirstAppointment,
    visits: counted.medianVisitsBeforeFirstFullAssessment,
    rungs: counted.currentRungs,
  };
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}
