import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { POSITION } from '../database/column-transformers';

/** One measurement on the participation ladder: the enrolment's start rung or a step reached. */
@Entity({ name: 'read_ladder_steps' })
@Index('read_ladder_steps_by_client', ['clientId', 'at', 'position'])
export class LadderStepEntity {
  @PrimaryColumn({ type: 'bigint', transformer: POSITION })
  position!: number;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'smallint' })
  rung!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'partner_id', type: 'text' })
  partnerId!: string;

  /** See `factAudience`: null when every involved partner may count it. */
  @Column({ type: 'text', array: true, nullable: true })
  audience!: string[] | null;
}
