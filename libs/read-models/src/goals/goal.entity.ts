import type { GoalStatus } from '@samenloop/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { POSITION } from '../database/column-transformers';

@Entity({ name: 'read_goals' })
export class GoalEntity {
  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @PrimaryColumn({ name: 'goal_id', type: 'text' })
  goalId!: string;

  @Column({ name: 'life_area', type: 'text' })
  lifeArea!: string;

  /** Free text: dropped when the client is erased. */
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The description is sealed with the client's key (as the intake stores it since it seals free text). */
  @Column({ name: 'description_sealed', type: 'boolean', default: false })
  descriptionSealed!: boolean;

  @Column({ name: 'set_by', type: 'text' })
  setBy!: string;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt!: Date;

  /** The `goal-set` event: whether a viewer may see the goal is decided on it. */
  @Column({ name: 'set_position', type: 'bigint', transformer: POSITION })
  setPosition!: number;

  @Column({ type: 'text' })
  status!: GoalStatus;

  /** When it was achieved or abandoned. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** See `factAudience`: null when every involved partner may count it. */
  @Column({ type: 'text', array: true, nullable: true })
  audience!: string[] | null;

  /**
   * Who may count the closure, decided on the closing event: a partner in the goal's audience but
   * not in this one (its consent withdrawn since) still sees the goal open, as its timeline does.
   */
  @Column({ name: 'closed_audience', type: 'text', array: true, nullable: true })
  closedAudience!: string[] | null;

  @Column({ type: 'bigint', transformer: POSITION })
  position!: number;
}
