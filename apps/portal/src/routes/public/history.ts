import { readFileSync } from 'node:fs';
import { AppError, messageOf } from '@madoguchi/errors';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { exchangeMessages } from '../../pages/exchange-messages.ts';
import { renderHistoryPage, renderVerifyPage, verificationMessage } from '../../pages/history-page.ts';
import { renderNotLinkedPage } from '../../pages/mydata-page.ts';
import { type HistoryDeps, historyBundle, readHistory, verifyHistoryEntry } from '../../services/history.ts';
import type { HistoryFilters } from '../../services/hub-client.ts';
import type { Session } from '../../services/sessions.ts';
import { sendHtml, userOrRedirect } from '../../web/page-user.ts';
import type { WebSessions } from '../../web/session-cookie.ts';

const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')]));
// Empty strings are what an untouched GET form sends; they mean "no filter".
const HistoryQuery = Type.Object(
  {
    lang: Lang,
    from: Type.Optional(Type.String({ pattern: '^([0-9]{4}-[0-9]{2}-[0-9]{2})?$' })),
    to: Type.Optional(Type.String({ pattern: '^([0-9]{4}-[0-9]{2}-[0-9]{2})?$' })),
    agency: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{0,32}$' })),
    task: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{0,64}$' })),
    before: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const VerifyBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 100 }),
    entryId: Type.String({
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    }),
  },
  { additionalProperties: false },
);

function filtersOf(q: {
  from?: string;
  to?: string;
  agency?: string;
  task?: string;
  before?: number;
}): HistoryFilters {
  const f: HistoryFilters = {};
  if (q.from) f.from = q.from;
  if (q.to) f.to = q.to;
  if (q.agency) f.agency = q.agency;
  if (q.task) f.task = q.task;
  if (q.before !== undefined) f.before = q.before;
  return f;
}

const historyScript = readFileSync(new URL('../../assets/history.js', import.meta.url));

export function registerHistoryRoutes(app: HttpApp, deps: HistoryDeps, web: WebSessions): void {
  app.get(
    '/assets/history.js',
    { schema: { hide: true }, config: { rateLimit: false } },
    async (_req, reply) =>
      reply
        .header('cache-control', 'public, max-age=300')
        .type('text/javascript; charset=utf-8')
        .send(historyScript),
  );

  /** Runs a read; a not-yet-linked account gets the guidance page instead of an error. */
  async function guarded<T>(
    req: FastifyRequest,
    reply: FastifyReply,
    run: (user: Session & { subject: string }) => Promise<T>,
  ): Promise<{ user: Session & { subject: string }; value: T } | undefined> {
    const user = await userOrRedirect(web, req, reply);
    if (!user) return undefined;
    try {
      return { user, value: await run(user) };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'fugo.not_linked') throw err;
      const lang = requestLang(req);
      await sendHtml(
        reply,
        renderNotLinkedPage(
          lang,
          exchangeMessages[lang].historyTitle,
          '/history',
          messageOf(err.code, lang),
          {
            nickname: null,
            csrfToken: user.csrfToken,
          },
        ),
        409,
      );
      return undefined;
    }
  }

  app.get(
    '/history',
    {
      schema: {
        summary: 'やりとり履歴: the exchange-log entries about the person, newest first (after login)',
        description:
          'Filters: period (from/to, JST days), agency, task; `before` pages. Audited as history.viewed.',
        tags: ['pages'],
        querystring: HistoryQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const filters = filtersOf(req.query);
      const got = await guarded(req, reply, (u) =>
        readHistory(deps, { subject: u.subject, requestId: req.id }, filters),
      );
      if (!got) return reply;
      return sendHtml(
        reply,
        renderHistoryPage(requestLang(req), {
          history: got.value,
          filters,
          user: { nickname: got.value.nickname, csrfToken: got.user.csrfToken },
        }),
      );
    },
  );

  app.post(
    '/history/verify',
    {
      schema: {
        summary:
          '検証: check one entry’s inclusion proof against the signed checkpoint and the pinned log key',
        description: 'Audited as history.verified (outcome failure when the proof does not verify).',
        tags: ['pages'],
        querystring: Type.Object({ lang: Lang }),
        body: VerifyBody,
        produces: ['text/html', 'application/json'],
      },
    },
    async (req, reply) => {
      const user = await userOrRedirect(web, req, reply);
      if (!user) return reply;
      web.checkCsrf(user, req.body._csrf);
      const got = await guarded(req, reply, (u) =>
        verifyHistoryEntry(deps, { subject: u.subject, requestId: req.id }, req.body.entryId),
      );
      if (!got) return reply;
      const { nickname, result } = got.value;
      const status = result.ok || result.problem === 'pending' ? 200 : 502;
      // The list's script asks for JSON to show the result in place; without it the page below says the same.
      if (String(req.headers.accept).includes('application/json'))
        return reply
          .code(status)
          .header('cache-control', 'no-store')
          .send({
            verified: result.ok ? true : result.problem === 'pending' ? 'pending' : false,
            message: verificationMessage(requestLang(req), result),
            ...(result.ok ? { index: result.index, treeSize: result.treeSize } : { problem: result.problem }),
          });
      return sendHtml(
        reply,
        renderVerifyPage(requestLang(req), { result, user: { nickname, csrfToken: got.user.csrfToken } }),
        status,
      );
    },
  );

  app.get(
    '/history/bundle.json',
    {
      schema: {
        summary:
          'やりとり履歴 with inclusion proofs and a signed checkpoint (madoguchi log verify bundle.json)',
        description: 'Audited as history.bundle_downloaded.',
        tags: ['pages'],
        querystring: HistoryQuery,
        produces: ['application/json'],
      },
    },
    async (req, reply) => {
      const got = await guarded(req, reply, (u) =>
        historyBundle(deps, { subject: u.subject, requestId: req.id }, filtersOf(req.query)),
      );
      if (!got) return reply;
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="bundle.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(got.value, null, 2));
    },
  );
}
