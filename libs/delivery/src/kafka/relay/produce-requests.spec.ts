import type { TopicMessages } from 'kafkajs';
import { produceRequests } from './produce-requests';

const record = (id: string, bytes = 100) => ({
  key: 'k',
  value: 'x'.repeat(bytes),
  headers: { ce_id: id },
});
const ids = (requests: TopicMessages[][]) =>
  requests.map((request) =>
    request.map(
      ({ topic, messages }) =>
        `${topic}:${messages.map((m) => (m.headers as { ce_id: string }).ce_id).join(',')}`,
    ),
  );

describe('produce requests', () => {
  it('keeps a small batch in one request', () => {
    const requests = produceRequests([
      { topic: 'a', messages: [record('1'), record('2')] },
      { topic: 'b', messages: [record('3')] },
    ]);

    expect(ids(requests)).toEqual([['a:1,2', 'b:3']]);
  });

  it('splits a large batch, every topic still in order across the requests', () => {
    const requests = produceRequests(
      [
        { topic: 'a', messages: [record('1'), record('2'), record('3')] },
        { topic: 'b', messages: [record('4'), record('5')] },
      ],
      250,
    );

    expect(ids(requests)).toEqual([['a:1,2'], ['a:3', 'b:4'], ['b:5']]);
  });

  it('sends a record larger than the limit on its own', () => {
    const requests = produceRequests(
      [{ topic: 'a', messages: [record('1'), record('2', 1000)] }],
      250,
    );

    expect(ids(requests)).toEqual([['a:1'], ['a:2']]);
  });
});
