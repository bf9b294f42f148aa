import { Injectable } from '@nestjs/common';
import { ADMIN_PARTNER_ID, type PartnerKind } from '@samenloop/domain';
import { PartnerRegistry } from '@samenloop/sharing';

/** A partner as the dashboard shows it. */
export interface PartnerRef {
  id: string;
  name: string;
  kind: string;
}

/** The partners as one request sees them, read once per request. */
export class PartnerNames {
  private readonly byId: ReadonlyMap<string, { id: string; name: string; kind: PartnerKind }>;

  constructor(partners: readonly { id: string; name: string; kind: PartnerKind }[]) {
    this.byId = new Map(partners.map(({ id, name, kind }) => [id, { id, name, kind }]));
  }

  ref(id: string): PartnerRef {
    // A partner registered under `admin` before ids were reserved is shown as itself, never as
    // the hub. A revoked partner keeps its events but leaves the registry: it is shown by its id.
    const registered = this.byId.get(id);
    if (registered) return registered;
    return id === ADMIN_PARTNER_ID
      ? { id, name: 'Samenloop', kind: 'other' }
      : { id, name: id, kind: 'other' };
  }

  /** The registered kind; undefined for the administrator and for partners no longer registered. */
  kindOf(id: string): PartnerKind | undefined {
    return this.byId.get(id)?.kind;
  }

  readonly name = (id: string): string => this.ref(id).name;
}

@Injectable()
export class PartnerDirectory {
  constructor(private readonly registry: PartnerRegistry) {}

  async load(): Promise<PartnerNames> {
    return new PartnerNames(await this.registry.list());
  }
}
