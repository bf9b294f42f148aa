import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { Inject, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface StaticPageOptions {
  /** Where the page lives in the URL space, e.g. `/dashboard`. */
  prefix: string;
  /** The folder of the built page: `index.html` and its assets. */
  root: string;
  /**
   * The folder (below root) of files whose names carry a content hash, cached for a year.
   * Vite's `build.assetsDir`; default `assets`.
   */
  hashedDir?: string;
  /** Send `GET /` to the page (302), unless something else answers `/`. Default true. */
  redirectRoot?: boolean;
}

const STATIC_PAGE_OPTIONS = Symbol('StaticPageOptions');

/** A hashed file never changes under its name. */
const HASHED_CACHE = 'public, max-age=31536000, immutable';
/** Everything else is revalidated (ETag / Last-Modified) so a new build shows at once. */
const REVALIDATE = 'no-cache';

/**
 * Serves a built single-page app (the case-lead dashboard) under a prefix with @fastify/static:
 * files as they are, `index.html` for the page's own routes (`/dashboard/clients/GM-12`), and the
 * usual problem+json 404 for a missing asset or anything outside the prefix. Hashed assets are
 * cached for a year, `index.html` is always revalidated.
 */
@Module({})
export class StaticPageModule implements OnModuleInit {
  private readonly logger = new Logger('StaticPage');

  static forRoot(options: StaticPageOptions): DynamicModule {
    return {
      module: StaticPageModule,
      providers: [{ provide: STATIC_PAGE_OPTIONS, useValue: options }],
    };
  }

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(STATIC_PAGE_OPTIONS) private readonly options: StaticPageOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    const prefix = normalisePrefix(this.options.prefix);
    const root = resolve(this.options.root);
    const hashedDir = `${(this.options.hashedDir ?? 'assets').replace(/^\/+|\/+$/g, '')}/`;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();

    if (!existsSync(join(root, 'index.html'))) {
      this.logger.warn(
        `${root}/index.html is missing: ${prefix}/ answers 404 until the page is built`,
      );
    }

    if (this.options.redirectRoot !== false && !fastify.hasRoute({ method: 'GET', url: '/' })) {
      fastify.get('/', (_request, reply) => reply.redirect(`${prefix}/`, 302));
    }

    // Loaded here rather than at the top: @fastify/static requires an ES-module-only package
    // (content-disposition), which Jest's CommonJS runtime cannot load unless it compiles it, and
    // every spec that imports @samenloop/platform would otherwise load it.
    const { default: fastifyStatic } = await import('@fastify/static');

    // In a scope of its own, so `reply.sendFile` and these routes touch nothing else of the app.
    await fastify.register(async (scope) => {
      await scope.register(fastifyStatic, {
        root,
        serve: false,
        // Dot files (.env, .git) are never served: they 404 like any missing file.
        dotfiles: 'ignore',
        index: false,
        cacheControl: false,
        suppressWarning: true,
      });

      scope.get(prefix, (request, reply) => {
        const query = request.url.indexOf('?');
        return reply.redirect(`${prefix}/${query === -1 ? '' : request.url.slice(query)}`, 301);
      });

      scope.get(`${prefix}/*`, async (request, reply) => {
        const path = (request.params as { '*'?: string })['*'] ?? '';
        if (path !== '' && path !== 'index.html' && (await isFileBelow(root, path))) {
          void reply.header(
            'cache-control',
            path.startsWith(hashedDir) ? HASHED_CACHE : REVALIDATE,
          );
          return reply.sendFile(path);
        }
        if (path === '' || path === 'index.html' || isPageRoute(request, path, hashedDir)) {
          return sendIndex(reply, root);
        }
        reply.callNotFound();
        return reply;
      });
    });
  }
}

function sendIndex(reply: FastifyReply, root: string): FastifyReply {
  if (!existsSync(join(root, 'index.html'))) {
    reply.callNotFound();
    return reply;
  }
  void reply.header('cache-control', REVALIDATE);
  return reply.sendFile('index.html');
}

/**
 * A path the page routes itself: a browser navigating (it asks for HTML), or a path without a file
 * extension. A missing file under the hashed folder is never the page (a stale build's asset must
 * 404, not come back as HTML with a 200).
 */
function isPageRoute(request: FastifyRequest, path: string, hashedDir: string): boolean {
  if (path.startsWith(hashedDir) || !isCanonical(path)) return false;
  if (/(^|,)\s*text\/html/.test(request.headers.accept ?? '')) return true;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !/\.[A-Za-z0-9]+$/.test(last);
}

/** No empty segments, no `.`/`..` segments or other dot names, no backslashes or NULs. */
function isCanonical(path: string): boolean {
  if (/[\\\0]/.test(path) || isAbsolute(path)) return false;
  return !path.split('/').some((segment) => segment === '' || segment.startsWith('.'));
}

/** True for a regular file inside root, reached by a canonical path. */
async function isFileBelow(root: string, path: string): Promise<boolean> {
  if (!isCanonical(path)) return false;
  const file = resolve(root, path);
  if (!file.startsWith(root + sep)) return false;
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  if (!trimmed) throw new Error('StaticPageModule needs a prefix such as /dashboard');
  return `/${trimmed}`;
}
