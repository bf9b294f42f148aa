export { createTestDatabase, testServerUrl } from './test-database';
export type { TestDatabase } from './test-database';
export { startKafkaTestCluster } from './kafka/kafka-test-cluster';
export type { KafkaTestCluster, KafkaTestClusterResult } from './kafka/kafka-test-cluster';
export { testHubSecrets } from './test-secrets';
export { recordStatements } from './statement.recorder';
export { storedEvent } from './stored-event.builder';
export { firstSeenPerKey, testKafka, TopicReader, waitUntil } from './kafka/topic.reader';
export type { ReadRecord } from './kafka/topic.reader';
