import { messageOf } from '@madoguchi/errors';
import { createHttpApp } from '@madoguchi/http';
import { errorPageRenderer, installAssets } from '@madoguchi/ui';
import { cardInfo } from '../card-operations.ts';
import { registerAgentApi } from './agent-api.ts';
import { registerAgentPages } from './agent-page-routes.ts';
import { defaultAllowedOrigins, isOwnHost, normalizeOrigin } from './origin-checks.ts';
import { RequestStore } from './request-store.ts';

export interface ReaderAgentOptions {
  /** Card file paths; the page offers a choice when there are several. */
  cards: string[];
  /** 3090 by default; 0 picks a free port (tests). */
  port?: number;
  /** Loopback only by default: the agent is for the person at this computer. */
  host?: string;
  /** Portal origins allowed to create requests and read their results. */
  allowedOrigins?: string[];
  log?: (msg: string) => void;
  /** Requests expire after this long (5 minutes). */
  requestTtlMs?: number;
  /** Clock, for tests of expiry. */
  now?: () => number;
}

export interface ReaderAgent {
  url: string;
  close(): Promise<void>;
}

const errorPage = errorPageRenderer({ ja: 'madoguchi カードリーダー', en: 'madoguchi card reader' }, '/');

/** Starts the card reader agent (docs/jpki.md "The card reader agent"). */
export async function startReaderAgent(options: ReaderAgentOptions): Promise<ReaderAgent> {
  if (options.cards.length === 0) throw new Error('the reader agent needs at least one card file');
  for (const path of options.cards) await cardInfo(path); // fail at start, not on the first request
  const log = options.log ?? (() => {});
  const allowed = new Set((options.allowedOrigins ?? defaultAllowedOrigins).map(normalizeOrigin));
  const store = new RequestStore(options.requestTtlMs ?? 5 * 60_000, options.now ?? Date.now);
  const host = options.host ?? '127.0.0.1';
  let port = options.port ?? 3090;
  const baseUrl = () => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const app = await createHttpApp({
    name: 'card-agent',
    title: 'madoguchi card reader agent',
    description: 'Signs portal logins and documents with a virtual My Number card after the person approves.',
    mode: 'development',
    logLevel: 'silent',
    rateLimitMax: 600,
    ready: async () => true,
    renderErrorPage: (e) => errorPage({ ...e, message: messageOf(e.code, e.lang) }),
  });
  app.addHook('onRequest', async (req, reply) => {
    if (!isOwnHost(req.headers.host, port, host)) {
      reply.code(421).type('text/plain; charset=utf-8').send('misdirected request');
      return reply;
    }
  });
  installAssets(app);
  registerAgentApi(app, { store, allowed, baseUrl, log });
  registerAgentPages(app, { store, cards: options.cards, log });
  await app.listen({ host, port });
  const address = app.server.address();
  if (typeof address === 'object' && address) port = address.port;
  log(`card reader agent on ${baseUrl()} for ${[...allowed].join(', ')} (${options.cards.length} card(s))`);
  return { url: baseUrl(), close: () => app.close() };
}
