import { Module } from '@nestjs/common';
import { KeyVault } from './key-vault';

/** Needs the global `Pool` and `HubSecrets` (platform DatabaseModule and SecretsModule). */
@Module({ providers: [KeyVault], exports: [KeyVault] })
export class KeyVaultModule {}
