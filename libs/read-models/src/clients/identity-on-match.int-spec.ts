import { randomUUID } from 'node:crypto';
import { KeyVault, keyVaultMigrations } from '@samenloop/privacy';
import { clientStream, toEventToAppend, type ClientCaseEvent } from '@samenloop/domain';
import {
  ClientReferenceRegistry,
  PartnerRegistry,
  SharingAgreements,
  sharingMigrations,
} from '@samenloop/sharing';
import {
  agreementsWaitingFor,
  type AgreementsFile,
  createTestStore,
  testHubSecrets,
  type TestStore,
} from '@samenloop/testing';
import type { DataSource } from 'typeorm';
import { CaseloadClientEntity } from '../caseload/caseload-client.entity';
import { CaseloadQueries } from '../caseload/caseload-queries';
import { CaseloadSelection } from '../caseload/caseload-selection';
import { ClientSummaries } from '../caseload/client-summaries';
import { ContactEntity } from '../contacts/contact.entity';
import { openReadModelsDataSource } from '../database/read-models-data-source';
import { ClientFactsReader } from '../facts/client-facts-reader';
import { GoalEntity } from '../goals/goal.entity';
import { LadderStepEntity } from '../ladder/ladder-step.entity';
import { LifeAreaAssessmentEntity } from '../life-areas/life-area-assessment.entity';
import { event, MUNICIPALITY, type TestPartner } from '../projection/case-steps.spec-helper';
import { ormSessions } from '../projection/orm-session';
import { PartnerKinds } from '../projection/partner-kinds';
import { rebuildProjection } from '../projection/projection-rebuild';
import { READ_MODEL_PROJECTIONS } from '../projection/projections.catalogue';
import { readModelsMigrations } from '../read-models.migrations';
import { ReferralEntity } from '../referrals/referral.entity';
import { TimelineEntryEntity } from '../timeline/timeline-entry.entity';
import { DisplayNames } from '../viewer/display-names';
import { PartnerDirectory } from '../viewer/partner-directory';
import type { CaseLead } from '@samenloop/identity';
import { ViewerAgreements } from '../viewer/viewer-agreements';
import { ViewerReferences } from '../viewer/viewer-references';
import { ClientAccess } from './client-access';
import { ClientQueries } from './client-queries';

/** A GP whose agreement waits for the municipality's confirmation of a match on its BSN signal. */
const WAITING_GP: TestPartner = { id: 'huisarts-wacht', kind: 'gp' };
/** A GP under the default agreement for its kind (`immediate`). */
const GP: TestPartner = { id: 'huisarts-direct', kind: 'gp' };
const PERSON = { givenName: 'Anna', familyName: 'de Vries', birthDate: '1975-04-30' };
const NAME = 'Anna de Vries';
const RESTRICTED = { restricted: true };

const caseLead = ({ id, kind }: TestPartner): CaseLead => ({
  username: `lead@${id}`,
  displayName: `Lead ${id}`,
  role: 'case-lead',
  partner: { id, kind, name: id },
});

// Issue 11 case 8: a BSN signal must not work as a lookup of names through the dashboard either.
describe('who a client is, for the case lead of a partner matched on its BSN signal', () => {
  let db: TestStore;
  let agreementsFile: AgreementsFile;
  let dataSource: DataSource;
  let registry: PartnerRegistry;
  let ownReferences: ClientReferenceRegistry;
  let vault: KeyVault;
  let caseload: CaseloadQueries;
  let clients: ClientQueries;
  const now = new Date('2025-03-10T12:00:00.000Z');

  beforeAll(async () => {
    db = await createTestStore([
      ...sharingMigrations,
      ...keyVaultMigrations,
      ...readModelsMigrations,
    ]);
    agreementsFile = await agreementsWaitingFor(WAITING_GP.id);
    dataSource = await openReadModelsDataSource(db.url);
    registry = new PartnerRegistry(db.pool);
    for (const partner of [MUNICIPALITY, WAITING_GP, GP])
      await registry.add({ ...partner, name: partner.id });
    const secrets = testHubSecrets();
    vault = new KeyVault(db.pool, secrets);
    ownReferences = new ClientReferenceRegistry(db.pool, secrets);
    const references = new ViewerReferences(ownReferences);
    const agreements = new ViewerAgreements(new SharingAgreements(agreementsFile.file));
    const directory = new PartnerDirectory(registry);
    const names = new DisplayNames(vault);
    const caseloadRows = dataSource.getRepository(CaseloadClientEntity);
    const facts = new ClientFactsReader(
      dataSource.getRepository(LadderStepEntity),
      dataSource.getRepository(GoalEntity),
      dataSource.getRepository(LifeAreaAssessmentEntity),
      dataSource.getRepository(ReferralEntity),
      dataSource.getRepository(ContactEntity),
    );
    const summaries = new ClientSummaries(facts);
    caseload = new CaseloadQueries(
      new CaseloadSelection(caseloadRows, references),
      summaries,
      agreements,
      directory,
      references,
      names,
    );
    clients = new ClientQueries(
      caseloadRows,
      facts,
      summaries,
      new ClientAccess(dataSource.getRepository(TimelineEntryEntity), agreements),
      agreements,
      directory,
      references,
      names,
      vault,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
    await agreementsFile?.remove();
  });

  /** Records the events as the intake would (subject: the sender's own reference), then projects. */
  async function recorded(clientId: string, events: [ClientCaseEvent, string][]): Promise<void> {
    for (const [next, subject] of events) {
      await ownReferences.bind(next.partnerId, subject, clientId);
      await db.store.append(clientStream(clientId), [
        toEventToAppend(next, randomUUID(), {
          source: next.partnerId,
          subject,
          contentHash: 'h',
          correlationId: 'c',
        }),
      ]);
    }
    const options = {
      store: db.store,
      sessions: ormSessions(dataSource),
      partners: new PartnerKinds(registry),
    };
    for (const projection of READ_MODEL_PROJECTIONS) await rebuildProjection(projection, options);
  }

  /** A client the municipality enrolled and `partner` matched on its BSN signal. */
  async function matched(partner: TestPartner, own: string): Promise<string> {
    const clientId = randomUUID();
    const person = { sealed: await vault.encrypt(clientId, PERSON) };
    await recorded(clientId, [
      [event(MUNICIPALITY, 'client-enrolled', { municipality: 'GM0794', person }), `GM-${own}`],
      [event(partner, 'involvement-signalled', {}), own],
    ]);
    return clientId;
  }

  /** What the partner's case lead is shown of the client: its caseload row and its client page. */
  async function shownTo(partner: TestPartner, own: string) {
    const viewer = caseLead(partner);
    const page = (await caseload.page(viewer, { limit: 500 }, now)).answer;
    const row = page.rows.find(({ reference }) => reference === own);
    const detail = (await clients.detail(viewer, own, 'en', now)).answer;
    const timeline = (await clients.timeline(viewer, own, 'en')).answer;
    return { row: row?.displayName, detail: detail.displayName, page, timeline };
  }

  it('holds the name back from a partner under after-confirmation until the municipality confirms', async () => {
    const own = 'HA-WACHT-1';
    const clientId = await matched(WAITING_GP, own);

    const before = await shownTo(WAITING_GP, own);
    expect([before.row, before.detail]).toEqual([RESTRICTED, RESTRICTED]);
    // No sort or search of the caseload, nor the timeline, shows it in any other way.
    for (const sort of ['reference', 'signals'] as const) {
      const { answer: page } = await caseload.page(
        caseLead(WAITING_GP),
        { sort, search: 'Anna' },
        now,
      );
      expect(page.total).toBe(0);
      expect(JSON.stringify(await caseload.page(caseLead(WAITING_GP), { sort }, now))).not.toMatch(
        /Anna|de Vries|1975/,
      );
    }
    expect(JSON.stringify(before.timeline)).not.toMatch(/Anna|de Vries|1975/);
    // The municipality itself still sees whom it enrolled.
    expect((await shownTo(MUNICIPALITY, `GM-${own}`)).detail).toBe(NAME);

    await recorded(clientId, [
      [event(MUNICIPALITY, 'involvement-confirmed', { partner: WAITING_GP.id }), `GM-${own}`],
    ]);

    const after = await shownTo(WAITING_GP, own);
    expect([after.row, after.detail]).toEqual([NAME, NAME]);
  });

  it('holds it back again when the partner leaves and matches anew', async () => {
    const own = 'HA-WACHT-2';
    const clientId = await matched(WAITING_GP, own);
    await recorded(clientId, [
      [event(MUNICIPALITY, 'involvement-confirmed', { partner: WAITING_GP.id }), `GM-${own}`],
      [event(WAITING_GP, 'involvement-ended', {}), own],
      [event(WAITING_GP, 'involvement-signalled', {}), own],
    ]);

    const again = await shownTo(WAITING_GP, own);
    expect([again.row, again.detail]).toEqual([RESTRICTED, RESTRICTED]);
  });

  it('shows the name at once to a partner under the default agreement (immediate)', async () => {
    const own = 'HA-DIRECT-1';
    await matched(GP, own);

    const shown = await shownTo(GP, own);
    expect([shown.row, shown.detail]).toEqual([NAME, NAME]);
  });
});
