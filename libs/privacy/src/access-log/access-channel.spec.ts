import { ACCESS_CHANNEL_NAMES, channelOf } from './access-channel';

describe('channelOf', () => {
  it.each([
    ['GET /v1/feed', 'feed'],
    ['GET /v1/feed/stream', 'sse'],
    ['webhook:2f0c', 'webhook'],
    ['kafka:samenloop.ggz.events.v1', 'kafka'],
    ['GET /v1/dashboard/clients/{reference}/timeline', 'dashboard'],
    ['GET /v1/audit/access-log', 'audit'],
    ['POST /v1/admin/clients/{ref}/erase', 'admin'],
    ['cli: samenloop audit replay', 'cli'],
    ['intake:nl.samenloop.involvement-signalled.v1', 'intake'],
    ['job:retention', 'job'],
    ['GET /v1/feedback', 'other'],
    ['something else', 'other'],
  ])('reads %s as %s', (accessPoint, channel) => {
    expect(channelOf(accessPoint)).toBe(channel);
  });

  it('names every channel once', () => {
    expect(new Set(ACCESS_CHANNEL_NAMES).size).toBe(ACCESS_CHANNEL_NAMES.length);
  });
});
