// Serves what renderer/ builds (out/renderer): every script and style comes from this laptop, never
// a CDN. URLs carry a content hash so phones cache them for good and still get a new build at once.
import Router from '@koa/router';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Assets {
  urls(): { js: string; css: string };
  router(): Router;
}

/** The project folder: the nearest parent with a package.json, from the source and the bundle alike. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const DEFAULT_ASSET_DIR = join(projectRoot(), 'out', 'renderer');

export function loadAssets(dir: string = process.env.BAGTRAX_ASSETS ?? DEFAULT_ASSET_DIR): Assets {
  if (!existsSync(join(dir, 'app.js')) || !existsSync(join(dir, 'app.css'))) {
    throw new Error(
      `The browser bundle is missing in ${dir}: run "npm run build" (npm run serve does it for you)`,
    );
  }
  const files = new Map<string, { body: Buffer; type: string; hash: string }>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    files.set(name, { body, type, hash: createHash('sha1').update(body).digest('hex').slice(0, 12) });
  }
  const url = (name: string) => `/assets/${name}?v=${files.get(name)?.hash ?? '0'}`;
  const urls = { js: url('app.js'), css: url('app.css') };

  return {
    urls: () => urls,
    router() {
      const router = new Router();
      // Browsers ask for it whatever the page says; the page's own icon is /assets/icon.svg.
      router.get('/favicon.ico', (ctx) => {
        ctx.status = 301;
        ctx.redirect('/assets/icon.svg');
      });
      router.get('/assets/:name', (ctx) => {
        const file = files.get(ctx.params.name ?? '');
        if (!file) return;
        ctx.type = file.type;
        ctx.set('ETag', `"${file.hash}"`);
        ctx.set(
          'Cache-Control',
          ctx.query.v === file.hash ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
        if (ctx.get('If-None-Match') === `"${file.hash}"`) {
          ctx.status = 304;
          return;
        }
        ctx.body = file.body;
      });
      return router;
    },
  };
}
