/*
 * A Kafka-protocol test broker: librdkafka's mock cluster, driven over stdin by the test helper
 * (kafka-test-cluster.ts). Prints the bootstrap servers, then obeys one command per line:
 *   create <topic> <partitions>   down <broker-id>   up <broker-id>   quit
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

int main(int argc, char **argv) {
  char error[512];
  int brokers = argc > 1 ? atoi(argv[1]) : 1;
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "0", error, sizeof error);
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (!rk) {
    fprintf(stderr, "rd_kafka_new: %s\n", error);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (!cluster) {
    fprintf(stderr, "rd_kafka_mock_cluster_new failed\n");
    return 1;
  }
  printf("bootstrap %s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);

  char line[1024];
  while (fgets(line, sizeof line, stdin)) {
    char topic[512];
    int number;
    if (sscanf(line, "create %511s %d", topic, &number) == 2) {
      printf("created %s %d\n", topic, rd_kafka_mock_topic_create(cluster, topic, number, 1));
    } else if (sscanf(line, "down %d", &number) == 1) {
      printf("down %d %d\n", number, rd_kafka_mock_broker_set_down(cluster, number));
    } else if (sscanf(line, "up %d", &number) == 1) {
      printf("up %d %d\n", number, rd_kafka_mock_broker_set_up(cluster, number));
    } else if (strncmp(line, "quit", 4) == 0) {
      break;
    } else {
      printf("error unknown command\n");
    }
    fflush(stdout);
  }
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
