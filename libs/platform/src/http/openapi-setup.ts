import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type SecuritySchemeObject, SwaggerModule } from '@nestjs/swagger';
import { Problem } from './problem.schema';

export interface OpenApiOptions {
  title: string;
  description?: string;
  version?: string;
  /** Where the UI is served; the document is at `<path>-json`. */
  path?: string;
  /** The schemes the operations' security requirements name (see openapi-security.ts). */
  securitySchemes?: Record<string, SecuritySchemeObject>;
  /** JSON Schemas (draft 2020-12) the operations refer to by name, beside the DTOs' own. */
  schemas?: Record<string, object>;
}

// Swagger UI's files, served as they are. SwaggerModule would serve them through @fastify/static,
// which is not a dependency; `swagger-ui-dist` is one of @nestjs/swagger's own.
const UI_ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** Serves the OpenAPI document generated from the app's controllers at `/docs-json`, and Swagger UI at `/docs`. */
export function setupOpenApi(app: NestFastifyApplication, options: OpenApiOptions): void {
  const path = `/${(options.path ?? 'docs').replace(/^\/+|\/+$/g, '')}`;
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description ?? '')
    .setVersion(options.version ?? '1')
    // 3.1: its schemas are JSON Schema 2020-12, the dialect of the generated event schemas.
    .setOpenAPIVersion('3.1.0');
  for (const [name, scheme] of Object.entries(options.securitySchemes ?? {})) {
    builder.addSecurity(name, scheme);
  }
  const config = builder.build();
  SwaggerModule.setup(
    path,
    app,
    () => {
      const document = SwaggerModule.createDocument(app, config, { extraModels: [Problem] });
      const components = (document.components ??= {});
      components.schemas = { ...components.schemas, ...options.schemas };
      return document;
    },
    { ui: false, raw: ['json'] },
  );
  serveSwaggerUi(app, path, options.title);
}

function serveSwaggerUi(app: NestFastifyApplication, path: string, title: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  const assetsDir = swaggerUiDistDir();
  const html = swaggerUiHtml(path, title);
  const initializer = `window.onload = () => {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(`${path}-json`)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;
  for (const route of [path, `${path}/`]) {
    fastify.get(route, (_request, reply) => {
      void reply.type('text/html; charset=utf-8').send(html);
    });
  }
  fastify.get(`${path}/swagger-initializer.js`, (_request, reply) => {
    void reply.type('application/javascript; charset=utf-8').send(initializer);
  });
  const cache = new Map<string, Buffer>();
  for (const [file, type] of Object.entries(UI_ASSETS)) {
    fastify.get(`${path}/${file}`, async (_request, reply) => {
      let content = cache.get(file);
      if (!content) {
        content = await readFile(join(assetsDir, file));
        cache.set(file, content);
      }
      return reply.type(type).header('cache-control', 'public, max-age=86400').send(content);
    });
  }
}

function swaggerUiDistDir(): string {
  const fromSwagger = createRequire(require.resolve('@nestjs/swagger'));
  const absolutePath = fromSwagger('swagger-ui-dist/absolute-path.js') as () => string;
  return absolutePath();
}

function swaggerUiHtml(path: string, title: string): string {
  const safeTitle = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${safeTitle}</title>
  <link rel="stylesheet" href="${path}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${path}/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="${path}/favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${path}/swagger-ui-bundle.js"></script>
  <script src="${path}/swagger-ui-standalone-preset.js"></script>
  <script src="${path}/swagger-initializer.js"></script>
</body>
</html>
`;
}
