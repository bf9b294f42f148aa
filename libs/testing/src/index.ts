export { createTestDatabase, testServerUrl } from './test-database';
export type { TestDatabase } from './test-database';
export { startKafkaTestCluster } from './kafka/kafka-test-cluster';
export type { KafkaTestCluster, KafkaTestClusterResult } from './kafka/kafka-test-cluster';
export { testHubSecrets } from './test-secrets';
export { recordStatements } from './statement-recorder';
export { firstSeenPerKey, testKafka, TopicReader, waitUntil } from './kafka/topic-reader';
export type { ReadRecord } from './kafka/topic-reader';
export { testPlatformModule } from './test-platform.module';
export type { TestPlatformOptions } from './test-platform.module';
export { createTestStore } from './test-store';
export type { TestStore } from './test-store';
export { cloudEvent, enrolmentData } from './cloud-event-builder';
export type { CloudEventJson } from './cloud-event-builder';
export { nextBsn, validBsn } from './test-bsn';
export { agreementsWaitingFor, writeAgreements } from './agreements-file';
export type { AgreementsFile } from './agreements-file';
export {
  delivery,
  HUB_ONLY,
  OTHER_PARTNER,
  PERSON,
  REDACTED,
  exampleStoredEvent,
} from './outbound-event-fixtures';
export { storedEvent } from './stored-event-builder';
