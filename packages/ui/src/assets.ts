import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** Read once at boot: the Digital Agency design tokens plus madoguchi's stylesheet built on them. */
function loadCss(): string {
  const tokens = readFileSync(
    join(dirname(require.resolve('@digital-go-jp/design-tokens/package.json')), 'dist/tokens.css'),
    'utf8',
  );
  const site = readFileSync(join(here, 'site.css'), 'utf8');
  return `${tokens}\n${site}`;
}

export function installAssets(app: FastifyInstance): void {
  const css = loadCss();
  app.get(
    '/assets/site.css',
    { schema: { hide: true }, config: { rateLimit: false } },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8');
      return css;
    },
  );
}
