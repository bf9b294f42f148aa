export { EventStore } from './event-store.port';
export type {
  AppendOptions,
  AppendResult,
  Backlog,
  BacklogOptions,
  EventToAppend,
  ExpectedRevision,
  JoinedAppends,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  StreamRead,
  RecordedEvent,
  StreamAppend,
  StreamAppendOutcome,
  SubscribeToAllOptions,
} from './event-store.port';
export {
  DuplicateEventIdError,
  UnknownPositionError,
  WrongExpectedRevisionError,
} from './event-store.errors';
export { foldStreams } from './stream-folds';
export { computeEventHash } from './event-hash';
export type { HashedEvent } from './event-hash';
export { eventStoreMigrations } from './event-store.migrations';
export { EventStoreModule } from './event-store.module';
export { PostgresEventStore } from './postgres/postgres-event-store';
export type { PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
export type { KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store';
export { eventStoreContract } from './contract/event-store.contract';
export type { EventStoreContractFixture } from './contract/event-store.contract';
export { CheckpointedConsumer } from './consumer/checkpointed-consumer';
export type {
  BatchHandler,
  CheckpointedConsumerOptions,
  ConsumerStatus,
} from './consumer/checkpointed-consumer';
export { batches } from './consumer/batches';
export type { BatchOptions } from './consumer/batches';
