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

/**
 * How long a read of the partners serves the dashboard. Names and kinds are shown, not checked
 * (sign-in and every request check the viewer's own partner in the registry), so a partner added
 * or revoked through another hub process may show as before for this long; through this one, at
 * once.
 */
const REUSED_FOR_MS = 1_000;

/** The partners for the dashboard's pages: concurrent requests share one read. */
@Injectable()
export class PartnerDirectory {
  private latest?: { names: Promise<PartnerNames>; revision: number; readAt: number };

  constructor(private readonly registry: PartnerRegistry) {}

  load(): Promise<PartnerNames> {
    const { revision } = this.registry;
    const now = Date.now();
    const latest = this.latest;
    if (latest && latest.revision === revision && now - latest.readAt < REUSED_FOR_MS) {
      return latest.names;
    }
    const names = this.registry.list().then((partners) => new PartnerNames(partners));
    this.latest = { names, revision, readAt: now };
    // A failed read is not kept: the next request reads again.
    names.catch(() => {
      if (this.latest?.names === names) this.latest = undefined;
    });
    return names;
  }
}
