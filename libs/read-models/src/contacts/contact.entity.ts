import type { ContactChannel, ContactOutcome, VisitLocation } from '@samenloop/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { POSITION } from '../database/column-transformers';

export type ContactKind = 'attempt' | 'visit';

/** A contact attempt or a visit: the facts behind contact signals and outreach outcomes. */
@Entity({ name: 'read_contacts' })
@Index('read_contacts_by_client', ['clientId', 'at', 'position'])
export class ContactEntity {
  @PrimaryColumn({ type: 'bigint', transformer: POSITION })
  position!: number;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'partner_id', type: 'text' })
  partnerId!: string;

  @Column({ type: 'text' })
  kind!: ContactKind;

  @Column({ type: 'text', nullable: true })
  channel!: ContactChannel | null;

  @Column({ type: 'text', nullable: true })
  outcome!: ContactOutcome | null;

  @Column({ type: 'text', nullable: true })
  location!: VisitLocation | null;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The case lead's partner when the contact happened: "neither is the lead" is judged then. */
  @Column({ name: 'lead_partner', type: 'text', nullable: true })
  leadPartner!: string | null;

  @Column({ name: 'with_partners', type: 'text', array: true })
  withPartners!: string[];
}
