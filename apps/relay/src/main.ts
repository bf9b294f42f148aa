import 'reflect-metadata';
import { runHttpApp } from '@samenloop/platform';
import { RELAY_HTTP_OPTIONS, RelayModule } from './relay.module';

void runHttpApp(RelayModule, { name: 'relay', ...RELAY_HTTP_OPTIONS });
