import type { ClientProfile, Rung, ZRM_2017_LIFE_AREAS } from '@samenloop/domain';
import { Agenda } from './pilot-agenda';
import { MUNICIPALITY, type PilotPartner } from './pilot-partners';
import type { FakePerson } from './person-generator';
import type { Random } from './random';

export type LifeArea = (typeof ZRM_2017_LIFE_AREAS)[number];

export interface ClientFacts {
  profile: ClientProfile;
  person: FakePerson;
  startRung: Rung;
  /** Rungs the client will climb during the pilot; 0 for one who does not rise. */
  rise: number;
  /** The areas that block the client most, the first being the "flywheel". */
  problems: readonly LifeArea[];
}

/** One client's pilot as it is being written: its facts, agenda and who is involved so far. */
export class ClientStory {
  readonly agenda = new Agenda();
  /**
   * Partners with a reference of their own for the client, and from which day: the municipality
   * from the start.
   */
  private readonly known = new Map<string, number>([[MUNICIPALITY.id, 0]]);
  private readonly actors = new Map<string, string>();
  /** Set by the outreach phase; the municipality until then. */
  lead: PilotPartner = MUNICIPALITY;

  constructor(
    readonly random: Random,
    readonly facts: ClientFacts,
  ) {}

  /** The professional at `partner` who works with this client, the same one every time. */
  actorOf(partner: PilotPartner): string {
    let actor = this.actors.get(partner.id);
    if (!actor) {
      actor = `emp-${partner.staffBase + this.random.int(1, 12)}`;
      this.actors.set(partner.id, actor);
    }
    return actor;
  }

  knows(partner: PilotPartner): boolean {
    return this.known.has(partner.id);
  }

  /** Whether `partner` is unknown or known before `day`: then it can act on that day. */
  canActOn(day: number, partner: PilotPartner): boolean {
    const since = this.known.get(partner.id);
    return since === undefined || since < day;
  }

  /**
   * Lets a partner that may use the BSN make itself known by its own reference (the
   * Verwijsindex signal), once, so that it can address the client; see pilot-partners.ts.
   */
  signal(day: number, partner: PilotPartner): void {
    if (this.knows(partner)) return;
    this.known.set(partner.id, day);
    this.agenda.add(day, partner, 'involvement-signalled', { bsn: this.facts.person.bsn });
  }
}
