import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { CaseStep } from './case-step';

/**
 * A read model fed by the global log. `apply` must be idempotent (a step seen again changes
 * nothing) and must read nothing but its steps and its own tables (no clock, no other read
 * model), so that a rebuild from position 0 gives the tables the live run gave.
 */
export interface Projection {
  /** Names its checkpoint, its lock and the `samenloop projections rebuild <name>` argument. */
  readonly name: string;
  /** Raised whenever what the tables hold changes meaning: the tables are then rebuilt. */
  readonly version: number;
  /** Its tables: cleared before a rebuild. */
  readonly entities: readonly EntityTarget<ObjectLiteral>[];
  /** Applies one batch, inside the transaction that also moves the checkpoint past it. */
  apply(steps: readonly CaseStep[], manager: EntityManager): Promise<void>;
}
