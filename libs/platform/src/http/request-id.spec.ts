import type { IncomingMessage } from 'node:http';
import { requestIdFor } from './request-id';

const request = (headers: IncomingMessage['headers'] = {}) => ({ headers }) as IncomingMessage;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFor', () => {
  it("keeps the caller's id when it is sane", () => {
    expect(requestIdFor(request({ 'x-request-id': 'trace-01HZY7:abc.1' }))).toBe(
      'trace-01HZY7:abc.1',
    );
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['with spaces', 'a b'],
    ['with a line break', 'a\nlevel=fatal'],
    ['too long', 'a'.repeat(129)],
  ])('generates a UUID when the header is %s', (_case, given) => {
    const headers = given === undefined ? {} : { 'x-request-id': given };
    expect(requestIdFor(request(headers))).toMatch(uuid);
  });

  it('gives one request the same id every time it is asked', () => {
    const one = request();
    expect(requestIdFor(one)).toBe(requestIdFor(one));
    expect(requestIdFor(request())).not.toBe(requestIdFor(one));
  });
});
