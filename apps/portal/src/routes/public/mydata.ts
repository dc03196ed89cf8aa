import { AppError, messageOf } from '@madoguchi/errors';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { exchangeMessages } from '../../pages/exchange-messages.ts';
import { renderMyDataPage, renderNotLinkedPage } from '../../pages/mydata-page.ts';
import { type MyDataDeps, readMyData } from '../../services/mydata.ts';
import { myDataCsv, myDataJson } from '../../services/mydata-export.ts';
import type { MyDataFilters } from '../../services/mydata-view.ts';
import { sendHtml, userOrRedirect } from '../../web/page-user.ts';
import type { WebSessions } from '../../web/session-cookie.ts';

// Empty strings are what an untouched GET form sends; they mean "no filter".
const code = Type.Optional(Type.String({ pattern: '^[a-z0-9-]{0,32}$' }));

const MyDataQuery = Type.Object(
  {
    lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    category: code,
    agency: code,
  },
  { additionalProperties: false },
);

function filtersOf(query: { q?: string; category?: string; agency?: string }): MyDataFilters {
  return {
    q: query.q?.trim() || undefined,
    category: query.category || undefined,
    agency: query.agency || undefined,
  };
}

function downloadName(ext: string, at: Date): string {
  return `mydata-${at.toISOString().slice(0, 10)}.${ext}`;
}

export function registerMyDataRoutes(app: HttpApp, deps: MyDataDeps, web: WebSessions): void {
  async function read(
    req: FastifyRequest,
    reply: FastifyReply,
    audit: {
      type: 'mydata.viewed' | 'mydata.downloaded';
      detail?: Record<string, string | number | boolean>;
    },
  ) {
    const user = await userOrRedirect(web, req, reply);
    if (!user) return undefined;
    try {
      return { user, data: await readMyData(deps, { subject: user.subject, requestId: req.id }, audit) };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'fugo.not_linked') throw err;
      const lang = requestLang(req);
      const m = exchangeMessages[lang];
      await sendHtml(
        reply,
        renderNotLinkedPage(lang, m.mydataTitle, '/mydata', messageOf('fugo.not_linked', lang), {
          nickname: null,
          csrfToken: user.csrfToken,
        }),
        409,
      );
      return undefined;
    }
  }

  app.get(
    '/mydata',
    {
      schema: {
        summary: 'わたしの情報: what agencies hold about the person, read live (after login)',
        description:
          'Asks the hub for permits (task honnin-kaiji) and every permitted intermediate server in parallel (3 s each); an agency that is down is shown as unavailable. Filters are query parameters. Audited as mydata.viewed.',
        tags: ['pages'],
        querystring: MyDataQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const filters = filtersOf(req.query);
      const got = await read(req, reply, {
        type: 'mydata.viewed',
        detail: { filtered: Object.values(filters).some(Boolean) },
      });
      if (!got) return reply;
      const lang = requestLang(req);
      return sendHtml(
        reply,
        renderMyDataPage(lang, {
          data: got.data,
          filters,
          user: { nickname: got.data.nickname, csrfToken: got.user.csrfToken },
        }),
      );
    },
  );

  app.get(
    '/mydata/download.json',
    {
      schema: {
        summary: 'わたしの情報 as JSON (read live; same filters as the page)',
        tags: ['pages'],
        querystring: MyDataQuery,
        produces: ['application/json'],
      },
    },
    async (req, reply) => {
      const got = await read(req, reply, { type: 'mydata.downloaded', detail: { format: 'json' } });
      if (!got) return reply;
      const body = myDataJson(got.data, filtersOf(req.query), requestLang(req));
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${downloadName('json', got.data.fetchedAt)}"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(body, null, 2));
    },
  );

  app.get(
    '/mydata/download.csv',
    {
      schema: {
        summary: 'わたしの情報 as CSV (UTF-8 with BOM; one row per field)',
        description: 'Columns: agency, category, title, as_of, key, label, value (RFC 4180; formula-safe).',
        tags: ['pages'],
        querystring: MyDataQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const got = await read(req, reply, { type: 'mydata.downloaded', detail: { format: 'csv' } });
      if (!got) return reply;
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${downloadName('csv', got.data.fetchedAt)}"`)
        .type('text/csv; charset=utf-8; header=present')
        .send(myDataCsv(got.data, filtersOf(req.query), requestLang(req)));
    },
  );
}
