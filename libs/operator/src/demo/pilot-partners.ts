import type { PartnerKind } from '@samenloop/domain';
import { DEMO_PARTNERS } from '@samenloop/sharing';

/** A demo partner that publishes in the pilot, with how its own system names clients and staff. */
export interface PilotPartner {
  id: string;
  kind: PartnerKind;
  name: string;
  /** Its own client references look like `GGZ-<run>-000042`. */
  referencePrefix: string;
  /** Its professionals are `emp-<staffBase + 1..12>`: opaque ids, as docs/inbound.md asks. */
  staffBase: number;
}

function pilotPartner(kind: PartnerKind, referencePrefix: string, staffBase: number): PilotPartner {
  const partner = DEMO_PARTNERS.find((demo) => demo.kind === kind);
  if (!partner) throw new Error(`the demo partners have no ${kind}`);
  return { ...partner, referencePrefix, staffBase };
}

export const MUNICIPALITY = pilotPartner('municipality', 'GM', 1000);
export const GGZ = pilotPartner('mental-health', 'GGZ', 2000);
export const GP = pilotPartner('gp', 'HA', 3000);
export const WORK_COMPANY = pilotPartner('work-company', 'WB', 4000);

/**
 * The partners that publish. The housing corporation and the welfare team are left out: they may
 * not signal with the BSN, so without the outbound feed (which hands them their pseudonym) they
 * have no reference by which to address a client, not even to accept a referral.
 */
export const PILOT_PARTNERS: readonly PilotPartner[] = [MUNICIPALITY, GGZ, GP, WORK_COMPANY];
