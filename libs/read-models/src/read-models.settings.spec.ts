import { loadConfig } from '@samenloop/platform';
import { readModelsSettingsFrom } from './read-models.settings';

describe('the read models’ settings', () => {
  it('run the workers unless WORKERS=off', () => {
    expect(readModelsSettingsFrom(loadConfig({}))).toEqual({ workers: true });
    expect(readModelsSettingsFrom(loadConfig({ WORKERS: 'off' })).workers).toBe(false);
  });
});
