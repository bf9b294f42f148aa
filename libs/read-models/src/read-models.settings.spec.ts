import { readModelsSettings } from './read-models.settings';

describe('the read models’ settings', () => {
  it('run the workers unless WORKERS=off, and refuse any other value', () => {
    expect(readModelsSettings({})).toEqual({ workers: true });
    expect(readModelsSettings({ WORKERS: 'off' }).workers).toBe(false);
    expect(() => readModelsSettings({ WORKERS: 'no' })).toThrow(/WORKERS must be on or off/);
  });
});
