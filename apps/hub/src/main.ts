import 'reflect-metadata';
import { runHttpApp } from '@samenloop/platform';
import { HUB_HTTP_OPTIONS, HubModule } from './hub.module';

void runHttpApp(HubModule, { name: 'hub', ...HUB_HTTP_OPTIONS });
