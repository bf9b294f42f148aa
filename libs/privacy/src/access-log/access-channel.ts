/**
 * The channel an access came through, read from its access point (what `AccessLog.record` was
 * given): each channel is one SQL `LIKE` pattern, so that a search by channel and the channel
 * shown beside an entry can never disagree. The first pattern that matches wins.
 */
export const ACCESS_CHANNELS = {
  sse: 'GET /v1/feed/stream',
  feed: 'GET /v1/feed',
  webhook: 'webhook:%',
  kafka: 'kafka:%',
  dashboard: '% /v1/dashboard/%',
  audit: '% /v1/audit/%',
  admin: '% /v1/admin/%',
  cli: 'cli:%',
  intake: 'intake:%',
  job: 'job:%',
} as const;

export type AccessChannel = keyof typeof ACCESS_CHANNELS | 'other';

export const ACCESS_CHANNEL_NAMES = Object.keys(
  ACCESS_CHANNELS,
) as (keyof typeof ACCESS_CHANNELS)[];

const MATCHERS = ACCESS_CHANNEL_NAMES.map((channel) => ({
  channel,
  pattern: new RegExp(
    `^${ACCESS_CHANNELS[channel]
      .split('%')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  ),
}));

export function channelOf(accessPoint: string): AccessChannel {
  return MATCHERS.find(({ pattern }) => pattern.test(accessPoint))?.channel ?? 'other';
}
