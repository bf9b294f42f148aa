import { loadConfig } from './app-config';

describe('loadConfig: READY_MAX_LAG_EVENTS', () => {
  it('defaults to 10,000 and takes 0 to turn the lag check off', () => {
    expect(loadConfig({}).READY_MAX_LAG_EVENTS).toBe(10_000);
    expect(loadConfig({ READY_MAX_LAG_EVENTS: '0' }).READY_MAX_LAG_EVENTS).toBe(0);
  });

  it.each(['-1', 'lots', '100001'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ READY_MAX_LAG_EVENTS: value })).toThrow(/READY_MAX_LAG_EVENTS/);
  });
});

describe('loadConfig: security settings', () => {
  it('keeps webhooks off plain http and believes no proxy by default', () => {
    const config = loadConfig({});
    expect(config.WEBHOOK_ALLOW_LOOPBACK_HTTP).toBe('off');
    expect(config.TRUST_PROXY).toBeUndefined();
    expect(config.KAFKA_SSL).toBe('off');
  });

  it.each([
    ['TRUST_PROXY', '10.0.0.0/8 ,x'],
    ['PUBLIC_URL', 'https://hub.example/path'],
    ['METRICS_TOKEN', 'short'],
    ['WEBHOOK_ALLOW_LOOPBACK_HTTP', 'yes'],
    ['SSE_MAX_STREAMS', '0'],
    ['KAFKA_SASL_MECHANISM', 'gssapi'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('takes a hop count or a list of proxies', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe('1');
    expect(loadConfig({ TRUST_PROXY: 'loopback,10.0.0.0/8' }).TRUST_PROXY).toBe(
      'loopback,10.0.0.0/8',
    );
  });

  it('needs the SASL credentials with a SASL mechanism', () => {
    expect(() => loadConfig({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      /KAFKA_SASL_USERNAME/,
    );
  });
});
