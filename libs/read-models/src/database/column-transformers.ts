import type { ValueTransformer } from 'typeorm';

/**
 * Global log positions are `bigint` columns, which `pg` returns as strings; they are safe integers
 * (the event store's contract), so the entities carry numbers.
 */
export const POSITION: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
