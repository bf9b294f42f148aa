import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { HubSecrets, loadHubSecrets } from './hub-secrets';

@Global()
@Module({
  providers: [
    {
      provide: HubSecrets,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => loadHubSecrets(config.DATA_DIR),
    },
  ],
  exports: [HubSecrets],
})
export class SecretsModule {}
