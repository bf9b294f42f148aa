import { readFile } from 'node:fs/promises';
import type { APIRequestContext } from 'playwright-core';
import type { AccessLogView, AccessLogViewPage, ReplayView } from '@samenloop/audit';
import { connectDatabase, loadConfig } from '@samenloop/platform';
import { seriousViolations } from './support/accessibility-scan';
import { openSession } from './support/auditor-session';
import { BuiltProcess } from './support/built-hub';
import { launchBrowser, screenshot, type Page, type TestBrowser } from './support/browser';
import { pageProblems, startDemoHub, type DemoHub } from './support/demo-hub';
import { eventually } from './support/eventually';

// The auditor's pages in a real browser, against the built hub with a small pilot: the access log
// searched, paged and exported as CSV, the latest seal and a verification, a subject-access report,
// a replay on both clocks compared with the command line's, and an erasure asked for by one auditor
// and approved by another; every page in Dutch, scanned by axe.
const TIMEOUT_MS = 300_000;
const PASSWORD = 'demo-password-e2e';
const SHOTS = 'auditor-dashboard';
const GGZ = 'ggz-oost-brabant';
const PAGE_SIZE = 50;

describe('the auditor pages of the dashboard in a browser', () => {
  let demo: DemoHub;
  let url: string;
  let browser: TestBrowser;
  let page: Page;
  let api: APIRequestContext;
  let problems: string[];

  beforeAll(async () => {
    demo = await startDemoHub({
      name: 'auditor',
      password: PASSWORD,
      clients: 40,
      seed: 7,
      // Seal soon after the pilot, so that the integrity page has a seal to show.
      env: { SEAL_EVERY_EVENTS: '50' },
    });
    url = demo.url;
    // The GGZ team reads its feed in small batches: deliveries for the access log to show.
    const token = new RegExp(`^partner token ${GGZ} +(\\S+)$`, 'm').exec(demo.demoOutput)?.[1];
    if (!token) throw new Error(`demo printed no token for ${GGZ}:\n${demo.demoOutput}`);
    let after = 0;
    for (;;) {
      const feed = await fetch(`${url}/v1/feed?after=${after}&limit=10`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(feed.status).toBe(200);
      const { events, next } = (await feed.json()) as { events: unknown[]; next: number };
      if (events.length === 0) break;
      after = next;
    }

    browser = await launchBrowser();
    page = await browser.newPage();
    api = page.context().request;
    problems = pageProblems(page);
  }, TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function accessible(name: string) {
    await screenshot(page, SHOTS, name);
    expect(await seriousViolations(page)).toEqual([]);
  }

  it(
    'searches, pages and exports the access log, verifies the seals, replays a case, makes a subject-access report and erases with four eyes',
    async () => {
      await page.goto(`${url}/dashboard/`);
      await page.getByLabel('Gebruikersnaam').fill('auditor');
      await page.getByLabel('Wachtwoord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Toegangslog' }).waitFor();
      const navigation = page.getByRole('navigation', { name: 'Hoofdmenu' });
      expect(await navigation.getByRole('link').allTextContents()).toEqual([
        'Toegangslog',
        'Integriteit',
        'Terugkijken',
        'Inzageverzoek',
        'Wissen',
        'Uitkomsten',
      ]);
      await page.getByRole('table', { name: 'Toegangen, oudste eerst' }).waitFor();
      await accessible('01-access-log');

      // The GGZ team's feed deliveries: who, what it disclosed, channel, agreement version.
      await page.getByLabel('Partner').fill(GGZ);
      await page.getByLabel('Kanaal').selectOption('feed');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.waitForURL(/partner=ggz-oost-brabant&channel=feed/);
      const expected = await allEntries(api, url, `partner=${GGZ}&channel=feed`);
      expect(expected.length).toBeGreaterThan(PAGE_SIZE);
      expect(expected.every((entry) => entry.disclosed && entry.disclosed.types.length > 0)).toBe(
        true,
      );
      const table = page.getByRole('table', { name: 'Toegangen, oudste eerst' });
      await page
        .getByRole('status')
        .filter({ hasText: `Toegang 1–${PAGE_SIZE}` })
        .waitFor();
      const first = table.locator('tbody tr').first();
      const cells = await first.locator('td').allTextContents();
      const entry = expected[0]!;
      expect(cells[1]).toContain(`partner:${GGZ}`);
      expect(cells[2]).toContain(entry.clientId!.slice(0, 8));
      expect(cells[3]).toContain('feed.read');
      for (const type of entry.disclosed!.types) {
        expect(cells[3]).toContain(type.replace(/^nl\.samenloop\./, '').replace(/\.v1$/, ''));
      }
      expect(cells[4]).toContain('Feed');
      expect(cells[5]).toContain('Samenwerkingsafspraak');
      expect(cells[5]).toContain(`versie ${entry.authorisation.version}`);
      await accessible('02-access-log-search');

      // Paging forth and back.
      await page.getByRole('button', { name: 'Volgende pagina' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Toegang ${PAGE_SIZE + 1}–` })
        .waitFor();
      expect(await table.locator('tbody tr').count()).toBe(
        Math.min(PAGE_SIZE, expected.length - PAGE_SIZE),
      );
      await page.getByRole('button', { name: 'Vorige pagina' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Toegang 1–${PAGE_SIZE}` })
        .waitFor();

      // The CSV export has every matching entry, one record each.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Exporteren als CSV' }).click(),
      ]);
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
      const records = csv.split('\r\n').filter(Boolean);
      expect(records[0]).toMatch(/^"seq","occurred_at","user",/);
      expect(records.slice(1).map((record) => record.split(',')[0])).toEqual(
        expected.map((e) => `"${e.seq}"`),
      );
      await page
        .getByRole('status')
        .filter({ hasText: `${expected.length} regels geëxporteerd` })
        .waitFor();

      // Searching by one client finds its entries only.
      await page.getByRole('button', { name: 'Filters wissen' }).click();
      await page.getByLabel('Cliënt', { exact: true }).fill(entry.clientId!);
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.waitForURL(new RegExp(`client=${entry.clientId}`));
      const clientCells = table.locator('tbody tr td:nth-child(3)');
      await eventually(
        async () => new Set(await clientCells.allTextContents()).size === 1,
        10_000,
        'the access log to show the one client',
      );
      expect(await clientCells.first().textContent()).toBe(entry.clientId!.slice(0, 8));

      // Integrity: the latest seal, and a verification started from the page.
      await navigation.getByRole('link', { name: 'Integriteit' }).click();
      await page.getByRole('heading', { level: 1, name: 'Integriteit' }).waitFor();
      await eventually(
        async () => {
          await page.reload();
          await page.getByRole('heading', { level: 2, name: 'Laatste zegel' }).waitFor();
          return (await page.getByText('Merkle-root').count()) > 0;
        },
        60_000,
        'the sealer to seal the pilot',
      );
      await page.getByRole('button', { name: 'Controle starten' }).click();
      await page.getByRole('status').filter({ hasText: 'Intact:' }).waitFor({ timeout: 60_000 });
      await accessible('03-integrity');

      // Subject access: the report for the client, in English.
      await navigation.getByRole('link', { name: 'Inzageverzoek' }).click();
      await page.getByRole('heading', { level: 1, name: 'Inzageverzoek' }).waitFor();
      await page.getByRole('button', { name: 'Overzicht maken' }).click();
      await page.getByRole('alert').filter({ hasText: 'Vul een cliënt in.' }).waitFor();
      await page.getByLabel('Cliënt', { exact: true }).fill(entry.clientId!);
      await page.getByLabel('Taal van het overzicht').selectOption('en');
      await page.getByRole('button', { name: 'Overzicht maken' }).click();
      const link = page.getByRole('link', { name: 'Overzicht openen (HTML)' });
      await link.waitFor();
      await accessible('04-subject-access');
      const [report] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
      await report.waitForLoadState();
      expect(await report.locator('html').getAttribute('lang')).toBe('en');
      expect(await report.locator('body').textContent()).toContain(GGZ);
      await screenshot(report, SHOTS, '04-subject-access-report');
      await report.close();

      // Replay: the page's case as of a moment equals `samenloop audit replay --json`, on both clocks.
      await navigation.getByRole('link', { name: 'Terugkijken' }).click();
      await page.getByRole('heading', { level: 1, name: 'Terugkijken' }).waitFor();
      await page.getByLabel('Cliënt', { exact: true }).fill(entry.clientId!);
      await page.getByRole('button', { name: 'Dossier laden' }).click();
      const slider = page.getByRole('slider', { name: 'Moment' });
      await slider.waitFor();
      const middle = Math.ceil(Number(await slider.getAttribute('max')) / 2);
      for (const by of ['recorded', 'happened'] as const) {
        if (by === 'happened') await page.getByLabel('gebeurd', { exact: true }).check();
        const [response] = await Promise.all([
          page.waitForResponse(
            (r) => r.url().includes('/state?') && r.url().includes(`by=${by}`) && r.ok(),
          ),
          slider.fill(String(middle)),
        ]);
        const shown = (await response.json()) as ReplayView;
        const asOf = new URL(response.url()).searchParams.get('asOf')!;
        await page
          .getByRole('heading', { name: `Tijdlijn tot dit moment (${shown.timeline.length})` })
          .waitFor();
        const cli = BuiltProcess.start(
          'cli',
          { DATA_DIR: demo.dataDir },
          {
            args: [
              'audit',
              'replay',
              '--client',
              entry.clientId!,
              '--as-of',
              asOf,
              '--by',
              by,
              '--json',
            ],
          },
        );
        const ran = await cli.exit;
        expect(ran).toMatchObject({ code: 0 });
        const { partners, ...replayed } = shown;
        expect(JSON.parse(ran.stdout)).toEqual(replayed);
        expect(partners!.length).toBeGreaterThan(0);
        await accessible(`05-replay-${by}`);
      }
      await page.getByRole('heading', { level: 3, name: new RegExp(GGZ) }).waitFor();

      // Erasure with four eyes: the demo auditor asks after a dry run, a second auditor approves.
      const other = expected.find((e) => e.clientId !== entry.clientId)!.clientId!;
      await navigation.getByRole('link', { name: 'Wissen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Wissen' }).waitFor();
      await page.getByLabel('Cliënt', { exact: true }).fill(other);
      await page.getByRole('button', { name: 'Proefrun: wat wordt gewist?' }).click();
      await page.getByText('De sleutel van de cliënt wordt vernietigd.').waitFor();
      await page.getByLabel('Reden', { exact: true }).fill('verzoek van de cliënt (AVG art. 17)');
      await page.getByRole('button', { name: 'Wissing aanvragen' }).click();
      await page.getByRole('status').filter({ hasText: 'Aangevraagd' }).waitFor();
      const waiting = page.getByRole('table', { name: 'Aanvragen die op goedkeuring wachten' });
      await waiting.getByText('Uw eigen aanvraag').waitFor();
      await accessible('06-erasure-requested');
      const db = await connectDatabase(loadConfig({ DATA_DIR: demo.dataDir }), () => undefined, {
        attach: true,
      });
      const token = await openSession(db.pool, 'auditor-2').finally(() => db.close());
      const second = await launchBrowser();
      try {
        await second.context.addCookies([{ name: 'samenloop_session', value: token, url }]);
        const approver = await second.newPage();
        await approver.goto(`${url}/dashboard/audit/erasure`);
        await approver.getByRole('button', { name: 'Goedkeuren en wissen' }).click();
        await approver.getByRole('status').filter({ hasText: 'Gewist' }).waitFor();
        await screenshot(approver, SHOTS, '07-erasure-approved');
      } finally {
        await second.close();
      }
      const erased = await api.get(`${url}/v1/audit/clients/${other}/state`);
      expect(((await erased.json()) as ReplayView).state.erased).toBe(true);
      const steps = (await allEntries(api, url, `client=${other}`)).filter((e) =>
        e.action.startsWith('client.erasure'),
      );
      expect(steps.map((e) => [e.action, e.user])).toEqual([
        ['client.erasure.plan', 'auditor'],
        ['client.erasure.request', 'auditor'],
        ['client.erasure.approve', 'auditor-2'],
        ['client.erasure', 'auditor-2'],
      ]);

      // Every auditor action is in the access log, under the auditor's name.
      const own = await allEntries(api, url, 'user=auditor');
      const actions = new Set(own.map((e) => e.action));
      for (const action of [
        'audit.access-log.read',
        'audit.integrity.read',
        'audit.verify',
        'audit.export',
        'audit.replay',
      ]) {
        expect(actions).toContain(action);
      }

      // The same pages in English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('navigation').getByRole('link', { name: 'Access log' }).click();
      await page.getByRole('heading', { level: 1, name: 'Access log' }).waitFor();
      await accessible('08-access-log-en');

      expect(problems).toEqual([]);
    },
    TIMEOUT_MS,
  );
});

/** Every entry matching `filter`, through the API's paging. */
async function allEntries(
  api: APIRequestContext,
  url: string,
  filter: string,
): Promise<AccessLogView[]> {
  const entries: AccessLogView[] = [];
  let after = '';
  do {
    const response = await api.get(`${url}/v1/audit/access-log?${filter}&limit=1000${after}`);
    if (!response.ok())
      throw new Error(`access log: ${response.status()} ${await response.text()}`);
    const page = (await response.json()) as AccessLogViewPage;
    entries.push(...page.entries);
    after = page.next ? `&after=${page.next}` : '';
  } while (after);
  return entries;
}
