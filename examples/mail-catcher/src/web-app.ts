import { AppError, messageOf } from '@madoguchi/errors';
import { createHttpApp, type HttpApp, requestLang, Type } from '@madoguchi/http';
import { errorPageRenderer, installAssets } from '@madoguchi/ui';
import { isAddressedTo } from './message.ts';
import type { MessageStore } from './message-store.ts';
import { renderListPage, renderMessagePage } from './pages.ts';

const MessageSchema = Type.Object(
  {
    id: Type.String(),
    from: Type.String(),
    to: Type.Array(Type.String()),
    subject: Type.String(),
    text: Type.String(),
    html: Type.Optional(Type.String()),
    receivedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'MailMessage' },
);
const LangQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])) });
const idPattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const renderPage = errorPageRenderer({ ja: 'madoguchi メールキャッチャー', en: 'madoguchi mail catcher' });

export interface WebAppOptions {
  mode: 'development' | 'test' | 'production';
  logLevel: string;
}

/** The catcher's web side: the pages a developer reads mail on, and the JSON API tests use. */
export async function buildWebApp(store: MessageStore, options: WebAppOptions): Promise<HttpApp> {
  const app = await createHttpApp({
    name: 'mail-catcher',
    title: 'madoguchi mail catcher',
    description: 'Mail caught by the development SMTP server.',
    mode: options.mode,
    logLevel: options.logLevel,
    // Tests poll the API; there is nothing here worth protecting with a tight limit.
    rateLimitMax: 100_000,
    ready: async () => true,
    renderErrorPage: ({ status, code, lang, requestId }) =>
      renderPage({ status, lang, requestId, message: messageOf(code, lang) }),
  });
  installAssets(app);

  app.get(
    '/',
    {
      schema: {
        summary: 'List received messages, newest first',
        tags: ['pages'],
        querystring: LangQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) =>
      reply.type('text/html; charset=utf-8').send(renderListPage(store.list(), requestLang(req))),
  );

  app.get(
    '/messages/:id',
    {
      schema: {
        summary: 'Show one message: headers and text body',
        tags: ['pages'],
        params: Type.Object({ id: Type.String({ pattern: idPattern }) }),
        querystring: LangQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const message = store.find(req.params.id);
      if (!message) throw new AppError('resource.not_found');
      return reply.type('text/html; charset=utf-8').send(renderMessagePage(message, requestLang(req)));
    },
  );

  app.get(
    '/api/messages',
    {
      schema: {
        summary: 'Received messages as JSON, newest first, optionally only those to one address',
        tags: ['api'],
        querystring: Type.Object({ to: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })) }),
        response: { 200: Type.Array(MessageSchema) },
      },
    },
    async (req) => {
      const to = req.query.to;
      const messages = store.list();
      return to === undefined ? messages : messages.filter((m) => isAddressedTo(m, to));
    },
  );

  app.delete(
    '/api/messages',
    {
      schema: {
        summary: 'Forget every received message',
        tags: ['api'],
        response: { 200: Type.Object({ deleted: Type.Integer({ minimum: 0 }) }) },
      },
    },
    async () => ({ deleted: store.clear() }),
  );

  return app;
}
