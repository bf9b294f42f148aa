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
