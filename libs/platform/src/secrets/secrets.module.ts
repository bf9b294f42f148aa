import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { HubSecrets, loadHubSecrets } from './hub-secrets';

@Global()
@Module({
  providers: [
    {
      provide: HubSecrets,
      inject: [AppConfig],
      useFactory: loadHubSecrets,
    },
  ],
  exports: [HubSecrets],
})
export class SecretsModule {}
