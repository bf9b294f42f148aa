import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigModule } from '../config/config.module';
import { createHttpApp } from '../http/http-app-factory';
import { LoggingModule } from '../logging/logging.module';
import { StaticPageModule } from './static-page.module';

@Controller('v1/probe')
class ProbeController {
  @Get()
  ping(): { ok: true } {
    return { ok: true };
  }
}

function rootModule(root: string): DynamicModule {
  @Module({})
  class PageAppModule {}
  return {
    module: PageAppModule,
    imports: [
      ConfigModule,
      LoggingModule,
      StaticPageModule.forRoot({ prefix: '/dashboard', root }),
    ],
    controllers: [ProbeController],
  };
}

async function startApp(root: string): Promise<NestFastifyApplication> {
  const app = await createHttpApp(rootModule(root), { openApi: { title: 'Page' } });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const INDEX = '<!doctype html><html lang="nl"><title>Samenloop</title><div id="root"></div>';
const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('StaticPageModule', () => {
  const savedEnv = { ...process.env };
  let folder: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    folder = await mkdtemp(join(tmpdir(), 'samenloop-static-'));
    const root = join(folder, 'dashboard');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), INDEX);
    await writeFile(join(root, 'assets', 'index-B2x9Qa1c.js'), 'console.log("page");');
    await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(root, '.env'), 'SECRET=dot-file');
    await writeFile(join(folder, 'secret.txt'), 'outside the root');
    app = await startApp(root);
  });

  afterAll(async () => {
    await app?.close();
    await rm(folder, { recursive: true, force: true });
    process.env = savedEnv;
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('serves index.html at the prefix, revalidated on every visit', async () => {
    const response = await get('/dashboard/', HTML);

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.etag).toBeDefined();
    expect(response.body).toBe(INDEX);

    const again = await get('/dashboard/', { ...HTML, 'if-none-match': response.headers.etag! });
    expect(again.statusCode).toBe(304);
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await app.inject({ method: 'HEAD', url: '/dashboard/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });

  it('redirects the bare prefix and the site root to the page', async () => {
    const bare = await get('/dashboard?lang=en');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/dashboard/?lang=en');

    const root = await get('/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/dashboard/');
  });

  it('caches hashed assets for a year and other files only with revalidation', async () => {
    const asset = await get('/dashboard/assets/index-B2x9Qa1c.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log("page");');

    const icon = await get('/dashboard/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it("answers the page's own routes with index.html, even references with dots", async () => {
    for (const url of [
      '/dashboard/outcomes',
      '/dashboard/clients/GM-a1b2c3-000001',
      '/dashboard/clients/GGZ.2024.17?lang=en',
    ]) {
      const response = await get(url, HTML);
      expect({ url, status: response.statusCode, body: response.body }).toEqual({
        url,
        status: 200,
        body: INDEX,
      });
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    // Without an Accept header a path without an extension is still a page route.
    expect((await get('/dashboard/clients/GM-1')).body).toBe(INDEX);
  });

  it('answers a missing asset with the problem+json 404, never with the page', async () => {
    for (const url of [
      '/dashboard/assets/index-Old0ld00.js',
      '/dashboard/assets/gone',
      '/dashboard/logo.png',
    ]) {
      const response = await get(url, url.endsWith('gone') ? HTML : { accept: '*/*' });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 404, title: 'Not found' });
    }
  });

  it('never serves dot files or anything outside its folder', async () => {
    for (const url of [
      '/dashboard/.env',
      '/dashboard/../secret.txt',
      '/dashboard/%2e%2e/secret.txt',
      '/dashboard/assets/..%2f..%2fsecret.txt',
      '/dashboard/%2e%2e%2fsecret.txt',
      '/dashboard//etc/passwd',
    ]) {
      const response = await get(url, { accept: '*/*' });
      expect(response.body).not.toContain('dot-file');
      expect(response.body).not.toContain('outside the root');
      expect(response.body).not.toContain('root:');
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
    }
  });

  it('leaves the API alone: its routes answer, and unknown ones stay problem+json 404s', async () => {
    expect((await get('/v1/probe')).json()).toEqual({ ok: true });

    const unknown = await get('/v1/dashboard/nothing-here', HTML);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json()).toMatchObject({ status: 404, instance: '/v1/dashboard/nothing-here' });

    const post = await app.inject({ method: 'POST', url: '/dashboard/', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps the security headers on the page', async () => {
    const response = await get('/dashboard/', HTML);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 404 problem+json until the page is built, and still starts', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'samenloop-static-empty-'));
    const unbuilt = await startApp(join(empty, 'not-built'));
    try {
      const response = await unbuilt.inject({ method: 'GET', url: '/dashboard/', headers: HTML });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await unbuilt.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
