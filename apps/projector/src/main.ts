import 'reflect-metadata';
import { runHttpApp } from '@samenloop/platform';
import { PROJECTOR_HTTP_OPTIONS, ProjectorModule } from './projector.module';

void runHttpApp(ProjectorModule, { name: 'projector', ...PROJECTOR_HTTP_OPTIONS });
