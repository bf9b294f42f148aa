import { versionedName } from '../catalogue/outbound-event.catalogue';
import { OUTBOUND_EVENT_TYPES } from '../schemas/outbound-event.schema';
import { asyncApiComponents, INBOUND_MESSAGE_IDS, ref } from './asyncapi-components';
import { HTTP_DELIVERY_PATHS, partnerTopics } from './delivery-channels';

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  [field: string]: unknown;
}

const PARTNER_ID = {
  partnerId: { description: 'The partner’s id, e.g. `ggz-oost-brabant`.' },
};

const OUTBOUND_IDS = OUTBOUND_EVENT_TYPES.map(versionedName);

const channelMessages = (ids: readonly string[]) =>
  Object.fromEntries(ids.map((id) => [id, ref(`#/components/messages/${id}`)]));

function operation(
  action: 'send' | 'receive',
  channel: string,
  ids: readonly string[],
  extra = {},
) {
  return {
    action,
    channel: ref(`#/channels/${channel}`),
    messages: ids.map((id) => ref(`#/channels/${channel}/messages/${id}`)),
    ...extra,
  };
}

const httpGet = (query?: object) => ({
  bindings: { http: { method: 'GET', ...(query && { query }), bindingVersion: '0.3.0' } },
});

/**
 * The hub's event channels as an AsyncAPI 3.0.0 document, from the hub's side: it sends each
 * partner its filtered stream (Kafka, feed, server-sent events, webhooks), receives what partners
 * publish, and sends back why it refused something.
 */
export function generateAsyncApiDocument({
  topicPrefix,
}: {
  topicPrefix: string;
}): AsyncApiDocument {
  const topics = partnerTopics(topicPrefix, '{partnerId}');
  const kafka = { servers: [ref('#/servers/kafka')], parameters: PARTNER_ID };
  const hub = { servers: [ref('#/servers/hub')] };
  const document = {
    asyncapi: '3.0.0' as const,
    info: {
      title: 'Samenloop partner events',
      version: '1.0.0',
      description:
        'Event catalogue v1 of the Samenloop hub. Every partner receives only what its data-sharing ' +
        'agreement and the client’s consent allow: types it is not entitled to are not sent, and ' +
        'fields it is not entitled to are left out (hence optional in the schemas).',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: '{brokers}',
        protocol: 'kafka',
        description: 'The cluster named by KAFKA_BROKERS.',
        variables: { brokers: { default: 'localhost:9092' } },
      },
      hub: {
        host: '{host}',
        protocol: 'https',
        description: 'The hub’s HTTP API.',
        variables: { host: { default: 'localhost:3000' } },
        security: [ref('#/components/securitySchemes/partnerToken')],
      },
    },
    channels: {
      partnerEvents: {
        address: topics.events,
        title: 'A partner’s stream',
        description: 'Binary CloudEvents in order per client (key: the partner’s own reference).',
        messages: channelMessages(OUTBOUND_IDS),
        ...kafka,
      },
      partnerInbound: {
        address: topics.inbound,
        title: 'What a partner publishes',
        messages: channelMessages(INBOUND_MESSAGE_IDS),
        ...kafka,
      },
      partnerRejected: {
        address: topics.rejected,
        title: 'What the hub refused of a partner’s inbound events',
        messages: channelMessages(['rejection']),
        ...kafka,
      },
      eventFeed: {
        address: HTTP_DELIVERY_PATHS.feed,
        title: 'The partner’s stream as pages, after a cursor',
        messages: channelMessages(['batch']),
        ...hub,
      },
      eventStream: {
        address: HTTP_DELIVERY_PATHS.stream,
        title: 'The partner’s stream as server-sent events',
        messages: channelMessages(['streamed']),
        ...hub,
      },
      webhook: {
        // Each partner registers its own URL.
        address: null,
        title: 'The partner’s stream, posted to its webhook',
        messages: channelMessages(['webhook']),
      },
    },
    operations: {
      deliverOnKafka: operation('send', 'partnerEvents', OUTBOUND_IDS),
      receiveFromKafka: operation('receive', 'partnerInbound', INBOUND_MESSAGE_IDS),
      rejectOnKafka: operation('send', 'partnerRejected', ['rejection']),
      serveFeed: operation(
        'send',
        'eventFeed',
        ['batch'],
        httpGet({
          type: 'object',
          properties: {
            after: {
              type: 'integer',
              minimum: 0,
              description: 'the last cursor already processed',
            },
            limit: { type: 'integer', minimum: 1 },
          },
        }),
      ),
      serveStream: operation('send', 'eventStream', ['streamed'], httpGet()),
      callWebhook: operation('send', 'webhook', ['webhook'], {
        bindings: { http: { method: 'POST', bindingVersion: '0.3.0' } },
      }),
    },
    components: asyncApiComponents(),
  };
  // Plain JSON: TypeBox marks its schemas with symbols, and callers must not share its objects.
  return JSON.parse(JSON.stringify(document)) as AsyncApiDocument;
}
