import { Injectable } from '@nestjs/common';
import { DEMO_PARTNERS } from './demo-partners';
import { PartnerExistsError } from './partner.errors';
import { PartnerRegistry } from './partner-registry';

/** Seeds the demo partners into an empty registry; returns the tokens to print once. */
@Injectable()
export class DemoPartnersSeeder {
  constructor(private readonly partners: PartnerRegistry) {}

  async seedIfEmpty(): Promise<{ id: string; token: string }[]> {
    if ((await this.partners.list()).length > 0) return [];
    const issued: { id: string; token: string }[] = [];
    for (const partner of DEMO_PARTNERS) {
      try {
        issued.push({ id: partner.id, token: (await this.partners.add(partner)).token });
      } catch (error) {
        // Another replica seeding at the same moment got there first.
        if (!(error instanceof PartnerExistsError)) throw error;
      }
    }
    return issued;
  }
}
