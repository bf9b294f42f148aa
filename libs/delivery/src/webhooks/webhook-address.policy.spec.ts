import { WebhookAddressPolicy } from './webhook-address.policy';

describe('where webhooks may connect', () => {
  const strict = new WebhookAddressPolicy(false);
  const development = new WebhookAddressPolicy(true);

  it.each(['8.8.8.8', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    'allows the public address %s over https',
    (address) => expect(strict.allows(address, 'https:')).toBe(true),
  );

  it.each([
    '127.0.0.1',
    '::1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::',
    '224.0.0.1',
    '255.255.255.255',
    'fd00:ec2::254',
    'fe80::1',
    'ff02::1',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    '2002:a9fe:a9fe::1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(strict.allows(address, 'https:')).toBe(false);
    expect(strict.allows(address, 'http:')).toBe(false);
  });

  it('refuses plain http to a public address, even in development', () => {
    expect(strict.allows('8.8.8.8', 'http:')).toBe(false);
    expect(development.allows('8.8.8.8', 'http:')).toBe(false);
  });

  it('allows loopback, over http too, only in development', () => {
    expect(development.allows('127.0.0.1', 'http:')).toBe(true);
    expect(development.allows('::1', 'https:')).toBe(true);
    expect(development.allows('::ffff:127.0.0.1', 'http:')).toBe(true);
    expect(development.allows('10.0.0.1', 'http:')).toBe(false);
    expect(development.allows('169.254.169.254', 'https:')).toBe(false);
  });

  it.each([
    ['[::1]', 'https:'],
    ['169.254.169.254', 'https:'],
    ['0.0.0.0', 'https:'],
    ['metadata.google.internal', 'https:'],
    ['METADATA.google.internal.', 'https:'],
    ['partner.example.nl', 'http:'],
  ])('refuses the host %s (%s) before any look-up', (host, protocol) => {
    expect(strict.hostProblem(host, protocol)).toMatch(/public addresses|https/);
  });

  it('leaves a public name over https to the look-up', () => {
    expect(strict.hostProblem('partner.example.nl', 'https:')).toBeUndefined();
    expect(development.hostProblem('localhost', 'http:')).toBeUndefined();
    expect(development.hostProblem('[::1]', 'http:')).toBeUndefined();
  });
});
