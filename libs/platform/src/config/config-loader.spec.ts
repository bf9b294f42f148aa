import { ConfigError } from './config.errors';
import { loadConfig } from './config-loader';

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

  it('refuses a CA file without KAFKA_SSL=on rather than connect in plaintext', () => {
    expect(() => loadConfig({ KAFKA_SSL_CA: '/etc/ca.pem' })).toThrow(
      /KAFKA_SSL_CA needs KAFKA_SSL=on/,
    );
  });

  it('needs the SASL credentials with a SASL mechanism', () => {
    expect(() => loadConfig({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      /KAFKA_SASL_USERNAME/,
    );
  });
});

describe('loadConfig: the audit’s and the read models’ variables', () => {
  const oidc = {
    OIDC_ISSUER: 'https://login.example/realm',
    OIDC_CLIENT_ID: 'hub',
    OIDC_CLIENT_SECRET: 's',
  };

  it.each([
    [{ WORKERS: 'no' }, /^Invalid configuration: WORKERS must be one of .*on, off$/],
    [{ AUDIT_WORKERS: 'no' }, /AUDIT_WORKERS must be one of/],
    [{ RETENTION_CHECK_INTERVAL: 'P1M' }, /RETENTION_CHECK_INTERVAL must be .* without Y or M/],
    [{ SEAL_EVERY_MINUTES: 'soon' }, /SEAL_EVERY_MINUTES must be a whole number from 1 to 10080/],
    [{ SAMENLOOP_MASTER_KEY: 'c2hvcnQ=' }, /SAMENLOOP_MASTER_KEY must be 32 bytes in base64/],
    [{ DEMO_ACCOUNT_PASSWORD: 'short' }, /DEMO_ACCOUNT_PASSWORD must be at least 8/],
    [{ OIDC_ISSUER: 'https://login.example' }, /go together/],
    [{ ...oidc, OIDC_ISSUER: 'login.example' }, /OIDC_ISSUER must be an http\(s\) URL/],
    [
      oidc,
      /^Invalid configuration: OpenID Connect sign-in needs PUBLIC_URL \(or OIDC_REDIRECT_URI\)$/,
    ],
    [{ ...oidc, OIDC_REDIRECT_URI: 'hub.example/callback' }, /OIDC_REDIRECT_URI must be/],
    [{ ...oidc, OIDC_REDIRECT_URI: 'https://hub.example/cb#x' }, /without a fragment/],
  ])('refuses %j in one line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names every bad variable in one line, once each', () => {
    const attempt = () =>
      loadConfig({ RETENTION_AFTER_CLOSE: '5 years', SEAL_EVERY_EVENTS: '0', PORT: 'abc' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /^Invalid configuration: PORT must [^;]*; RETENTION_AFTER_CLOSE must be an ISO 8601 duration such as P5Y; SEAL_EVERY_EVENTS must be a whole number from 1 to 100000$/,
    );
  });
});

describe('loadConfig: KAFKA_TOPIC_PREFIX', () => {
  it('defaults to samenloop', () => {
    expect(loadConfig({}).KAFKA_TOPIC_PREFIX).toBe('samenloop');
  });

  it('must be a valid start of a Kafka topic name', () => {
    expect(() => loadConfig({ KAFKA_TOPIC_PREFIX: 'sam enloop' })).toThrow(
      'KAFKA_TOPIC_PREFIX must be 1-100 letters, digits, dots, dashes or underscores',
    );
  });
});
