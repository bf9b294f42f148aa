import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './built-hub';

export interface AgreementsFile {
  /** The folder it was written to: remove it after the test. */
  dir: string;
  /** For SHARING_CONFIG. */
  file: string;
}

/**
 * The shipped agreements plus an entry for one partner whose identity waits for the enrolling
 * municipality's confirmation of a match on its BSN signal (`identityOnMatch: after-confirmation`).
 */
export async function agreementsWaitingFor(partnerId: string): Promise<AgreementsFile> {
  const dir = await mkdtemp(join(tmpdir(), 'samenloop-agreements-'));
  const file = join(dir, 'sharing.yaml');
  await writeFile(
    file,
    (await readFile(join(ROOT, 'config/sharing.yaml'), 'utf8')) +
      `
  - receiver: { partner: ${partnerId} }
    categories: [identity, involvement, contact, assessment, referral]
    legalBasis: WGBO (BW art. 7:457) with AVG art. 9 lid 2 sub h
    purpose: Coordinating care, once the municipality vouched for the match.
    identityOnMatch: after-confirmation
`,
  );
  return { dir, file };
}
