import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { HubSecrets } from '@samenloop/platform';

/** Fresh hub keys for a test, as `loadHubSecrets` would generate them. */
export function testHubSecrets(): HubSecrets {
  return {
    masterKey: randomBytes(32),
    bsnHashKey: randomBytes(32),
    pseudonymKey: randomBytes(32),
    sealKey: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  };
}
