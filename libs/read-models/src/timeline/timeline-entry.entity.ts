import type { DataCategory, TimelineDetails } from '@samenloop/domain';
import type { EventSecrecy } from '@samenloop/sharing';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { POSITION } from '../database/column-transformers';

/** One event of a client, whoever published it: the merged timeline. */
@Entity({ name: 'read_timeline' })
@Index('read_timeline_by_client', ['clientId', 'occurredAt', 'position'])
export class TimelineEntryEntity {
  /** The event's global position: a replayed event lands on its own row again. */
  @PrimaryColumn({ type: 'bigint', transformer: POSITION })
  position!: number;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  category!: DataCategory;

  @Column({ name: 'partner_id', type: 'text' })
  partnerId!: string;

  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** The facts a one-line summary is written from: codes and numbers, never free text. */
  @Column({ type: 'jsonb' })
  details!: TimelineDetails;

  /**
   * What the sharing policy settled as the event happened (`secrecyOf`: the categories under
   * professional secrecy and whom the client had consented to then); a request applies the
   * viewer's agreement in force to it. `null`: the sender's kind was unknown (a partner revoked
   * before its events were projected), so only the sender reads it.
   */
  @Column({ type: 'jsonb', nullable: true })
  secrecy!: EventSecrecy | null;
}
