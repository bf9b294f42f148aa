import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { POSITION } from '../database/column-transformers';

/** One scoring of life areas; the latest score per area is read from these at query time. */
@Entity({ name: 'read_life_area_assessments' })
@Index('read_life_area_assessments_by_client', ['clientId', 'at', 'position'])
export class LifeAreaAssessmentEntity {
  @PrimaryColumn({ type: 'bigint', transformer: POSITION })
  position!: number;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  instrument!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'partner_id', type: 'text' })
  partnerId!: string;

  @Column({ type: 'jsonb' })
  scores!: Record<string, number>;

  /** Every ZRM-2017 life area scored at once: what "a complete assessment" means in outcomes. */
  @Column({ type: 'boolean' })
  complete!: boolean;

  /** See `factAudience`: null when every involved partner may count it. */
  @Column({ type: 'text', array: true, nullable: true })
  audience!: string[] | null;
}
