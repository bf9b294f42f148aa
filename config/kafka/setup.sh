#!/usr/bin/env bash
# One-shot set-up of the compose file's Kafka: the SCRAM users and their ACLs. Safe to run again
# (users are updated, ACLs added once). Run by the kafka-setup service as samenloop-admin.
#
# The hub reads a partner's identity from the inbound topic a record arrives on, so these ACLs are
# what make that identity true: each partner principal User:<partnerId> may only
#   - Read (and Describe) its own  <prefix>.<partnerId>.events.v1  and  .rejected.v1,
#   - Write (and Describe) its own <prefix>.<partnerId>.inbound.v1,
#   - use consumer groups named <partnerId>.<anything>;
# the hub (User:samenloop-hub) may do everything on <prefix>.* topics and groups.
#
# Environment: KAFKA_ADMIN_PASSWORD, KAFKA_HUB_PASSWORD, KAFKA_PARTNER_PASSWORDS
# (`<partnerId>=<password>,...`), KAFKA_TOPIC_PREFIX (default samenloop). Passwords: letters,
# digits, `-` and `_` (e.g. `openssl rand -base64 24 | tr '+/' '-_'`), 16 characters or more.
set -euo pipefail

BIN=/opt/kafka/bin
BOOTSTRAP=kafka:9092
PREFIX=${KAFKA_TOPIC_PREFIX:-samenloop}
HUB=samenloop-hub

fail() {
  echo "kafka-setup: $*" >&2
  exit 1
}

password_ok() { [[ $1 =~ ^[A-Za-z0-9_-]{16,}$ ]]; }

password_ok "${KAFKA_ADMIN_PASSWORD:-}" || fail "KAFKA_ADMIN_PASSWORD must be 16 or more of A-Z a-z 0-9 - _"
password_ok "${KAFKA_HUB_PASSWORD:-}" || fail "KAFKA_HUB_PASSWORD must be 16 or more of A-Z a-z 0-9 - _"
[[ $PREFIX =~ ^[a-zA-Z0-9_-]+$ ]] || fail "KAFKA_TOPIC_PREFIX must be letters, digits, - or _"

ADMIN_CONFIG=$(mktemp)
trap 'rm -f "$ADMIN_CONFIG"' EXIT
cat >"$ADMIN_CONFIG" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="samenloop-admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES

scram_user() {
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" \
    --alter --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[password=$2]"
}

allow() {
  "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" \
    --add --force "$@"
}

IFS=',' read -ra PARTNERS <<<"${KAFKA_PARTNER_PASSWORDS:-}"
# Every entry is checked before anything changes on the broker.
for entry in "${PARTNERS[@]}"; do
  id=${entry%%=*}
  # The hub's partner id rule; an id equal to the prefix would share the hub's group prefix.
  [[ $id =~ ^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$ ]] || fail "partner id '$id' is not a partner id"
  [[ $id != "$PREFIX" && $id != samenloop-* ]] || fail "partner id '$id' is reserved for the hub"
  password_ok "${entry#*=}" || fail "the password of partner '$id' must be 16 or more of A-Z a-z 0-9 - _"
done

scram_user "$HUB" "$KAFKA_HUB_PASSWORD"
allow --allow-principal "User:$HUB" --operation All --resource-pattern-type prefixed --topic "$PREFIX."
allow --allow-principal "User:$HUB" --operation All --resource-pattern-type prefixed --group "$PREFIX."

for entry in "${PARTNERS[@]}"; do
  id=${entry%%=*}
  scram_user "$id" "${entry#*=}"
  allow --allow-principal "User:$id" --operation Read --operation Describe --topic "$PREFIX.$id.events.v1"
  allow --allow-principal "User:$id" --operation Read --operation Describe --topic "$PREFIX.$id.rejected.v1"
  allow --allow-principal "User:$id" --operation Write --operation Describe --topic "$PREFIX.$id.inbound.v1"
  allow --allow-principal "User:$id" --operation Read --resource-pattern-type prefixed --group "$id."
done

echo "kafka-setup: user $HUB and ${#PARTNERS[@]} partner(s) with their ACLs"
