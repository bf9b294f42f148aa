import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The agreements the hub ships with, read from the source tree (tests run from it). */
const SHIPPED_AGREEMENTS = join(__dirname, '../../../config/sharing.yaml');

export interface AgreementsFile {
  /** For SHARING_CONFIG. */
  file: string;
  /** Removes the folder it was written to. */
  remove(): Promise<void>;
}

/** The shipped agreements with `entries` (agreements in YAML) after them, in a folder of their own. */
export async function writeAgreements(entries = ''): Promise<AgreementsFile> {
  const dir = await mkdtemp(join(tmpdir(), 'samenloop-agreements-'));
  const file = join(dir, 'sharing.yaml');
  await writeFile(file, (await readFile(SHIPPED_AGREEMENTS, 'utf8')) + entries);
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The shipped agreements plus an entry for one partner whose identity waits for the enrolling
 * municipality's confirmation of a match on its BSN signal (`identityOnMatch: after-confirmation`).
 */
export function agreementsWaitingFor(partnerId: string): Promise<AgreementsFile> {
  return writeAgreements(`
  - receiver: { partner: ${partnerId} }
    categories: [identity, involvement, contact, assessment, referral]
    legalBasis: WGBO (BW art. 7:457) with AVG art. 9 lid 2 sub h
    purpose: Coordinating care, once the municipality vouched for the match.
    identityOnMatch: after-confirmation
`);
}
