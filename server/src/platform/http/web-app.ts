import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

/**
 * Writes a gzip sibling (`x.js.gz`) of every text asset that lacks a current one, so that static
 * serving can answer `Accept-Encoding: gzip` without compressing per request (Lighthouse: text
 * compression; a phone on a slow line loads the portal in a third of the bytes). Best effort: a
 * read-only dist is served uncompressed.
 */
export function precompressAssets(dir: string): void {
  const assets = path.join(dir, 'assets');
  if (!fs.existsSync(assets)) return;
  for (const name of fs.readdirSync(assets)) {
    if (!/\.(js|css|svg|json|txt)$/.test(name)) continue;
    const file = path.join(assets, name);
    const gz = `${file}.gz`;
    try {
      if (fs.existsSync(gz) && fs.statSync(gz).mtimeMs >= fs.statSync(file).mtimeMs) continue;
      fs.writeFileSync(gz, gzipSync(fs.readFileSync(file), { level: 9 }));
    } catch {
      return;
    }
  }
}

/** Serves the built staff app at / and the public portal at /portal, with SPA fallbacks. */
export async function installWebApp(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}); run "npm run build".`);
  }
  precompressAssets(WEB_DIST);
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: '/',
    index: false,
    wildcard: false,
    preCompressed: true,
    setHeaders: (res, file) => {
      // Hashed assets never change; the HTML entry points must always be revalidated.
      res.header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const staff = fs.readFileSync(path.join(WEB_DIST, 'index.html'));
  const portalFile = path.join(WEB_DIST, 'portal.html');
  const portal = fs.existsSync(portalFile) ? fs.readFileSync(portalFile) : staff;
  const html = (body: Buffer) => (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);
  app.get('/', { schema: { hide: true } }, html(staff));
  app.get('/portal', { schema: { hide: true } }, html(portal));
  app.get('/portal/*', { schema: { hide: true } }, html(portal));
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.code(404).send({
        error: { code: 'not_found', message: `没有这个地址：${req.method} ${req.url.split('?')[0]}` },
      });
    }
    return html(staff)(req, reply);
  });
}
