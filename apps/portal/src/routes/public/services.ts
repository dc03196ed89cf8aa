import {
  categories,
  checkEligibility,
  type HubReach,
  lifeEvents,
  type ResidentAnswers,
  type ServiceDefinition,
} from '@madoguchi/catalogue';
import type { Kysely } from '@madoguchi/db';
import { AppError, type FieldError, fieldErrorsFromSchemaIssues, type SchemaIssue } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, requestLang, Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import { findAccount } from '../../data/accounts.ts';
import type { PortalDB } from '../../data/schema.ts';
import { agencyName } from '../../pages/exchange-names.ts';
import type { PageUser } from '../../pages/portal-page.ts';
import { renderServiceDetailPage } from '../../pages/service-detail-page.ts';
import { renderServicesPage, type ServiceResult, type ServicesQuery } from '../../pages/services-page.ts';
import type { CatalogueStore } from '../../services/services-catalogue/catalogue-store.ts';
import {
  answersQuery,
  hasAnswers,
  parseAnswers,
  pittariView,
} from '../../services/services-catalogue/pittari.ts';
import { sendHtml } from '../../web/page-user.ts';
import type { WebSessions } from '../../web/session-cookie.ts';
import { rememberLang } from './pages.ts';

const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')]));
// Empty strings are what an untouched GET form sends; they mean "no filter".
const Municipality = Type.Optional(Type.String({ pattern: '^([0-9]{6})?$' }));
const Category = Type.Optional(Type.Enum(['', ...categories]));
const LifeEvent = Type.Optional(Type.Enum(['', ...lifeEvents]));

const SearchQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    municipality: Municipality,
    category: Category,
    lifeEvent: LifeEvent,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    lang: Lang,
  },
  { additionalProperties: false },
);

const SearchResultSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Service id (the same slug in every municipality)' }),
      municipality: Type.String({ description: '地方公共団体コード (6 digits)' }),
      municipalityName: Type.String(),
      title: Type.String(),
      category: Type.String(),
      lifeEvents: Type.Array(Type.String()),
      score: Type.Number({ description: 'Higher is better; comparable within one answer only' }),
    }),
  ),
  total: Type.Integer({ description: 'Matching services, counted up to 1000' }),
});

// The pages take free text and re-render the form with an error summary, so their schema is loose.
const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const PageQuery = Type.Object({
  lang: Lang,
  q: text(200),
  municipality: text(6),
  category: text(20),
  lifeEvent: text(20),
  ages: text(60),
  singleParent: text(10),
  working: text(10),
  pregnant: text(10),
});
const ServiceParams = Type.Object({
  municipality: Type.String({ pattern: '^[0-9]{6}$' }),
  id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 }),
});
const AnswersQuery = Type.Object({
  lang: Lang,
  ages: text(60),
  singleParent: text(10),
  working: text(10),
  pregnant: text(10),
});

export interface ServicesRoutesDeps {
  store: CatalogueStore;
  db: Kysely<PortalDB>;
  web: WebSessions;
  reach: (def: ServiceDefinition) => HubReach;
  homeMunicipalityOf?: (subject: string) => Promise<string | undefined>;
}

const notReady = (reason: string) => new AppError('service.unavailable', { details: { reason } });

const municipalityName = (code: string) => agencyName(code, 'ja');

function filterErrors(q: ServicesQuery, known: string[]): FieldError[] {
  const errors: FieldError[] = [];
  const wrong = (path: string) =>
    errors.push({
      path,
      code: 'enum',
      message: { ja: '選択肢から選んでください。', en: 'Choose one of the options.' },
    });
  if (q.municipality && !known.includes(q.municipality)) wrong('/municipality');
  if (q.category && !(categories as readonly string[]).includes(q.category)) wrong('/category');
  if (q.lifeEvent && !(lifeEvents as readonly string[]).includes(q.lifeEvent)) wrong('/lifeEvent');
  return errors;
}

function verdictOf(def: ServiceDefinition, answers: ResidentAnswers): ServiceResult['verdict'] {
  if (!hasAnswers(answers)) return 'unknown';
  const e = checkEligibility(def, answers);
  if (e.eligible) return 'eligible';
  return e.failed?.kind === 'rule' && e.unanswered.length > 0 ? 'unknown' : 'not_eligible';
}

export function registerServicesRoutes(app: HttpApp, deps: ServicesRoutesDeps): void {
  const { store } = deps;

  /** The header shows who is logged in; a page that is public never fails because the session store does. */
  async function visitor(req: FastifyRequest): Promise<{ user?: PageUser; home?: string }> {
    try {
      const session = await deps.web.optionalUser(req);
      if (!session) return {};
      const account = await findAccount(deps.db, session.subject);
      const home = await deps.homeMunicipalityOf?.(session.subject);
      return {
        user: { nickname: account?.nickname ?? null, csrfToken: session.csrfToken },
        ...(home ? { home } : {}),
      };
    } catch (err) {
      req.log.warn({ err }, 'session lookup failed on a public page; shown as anonymous');
      return {};
    }
  }

  app.get(
    '/api/services/search',
    {
      attachValidation: true,
      schema: {
        summary:
          'Search the service catalogue (ぴったりサービス): free text, municipality, category, life event',
        description:
          'Public. Kana finds kanji titles through their readings (じどうてあて → 児童手当); terms separated by spaces must all match. Empty `q` lists in 五十音 order. 503 service.unavailable while the catalogue or the search dictionary is loading.',
        tags: ['services'],
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, 400: ErrorBodySchema, 503: ErrorBodySchema },
      },
    },
    async (req) => {
      if (req.validationError) {
        const issues = (req.validationError as { validation?: SchemaIssue[] }).validation ?? [];
        throw new AppError('validation.failed', {
          fields: fieldErrorsFromSchemaIssues(issues, '/querystring'),
        });
      }
      const state = store.state();
      const found = state === 'ready' ? store.search(req.query) : undefined;
      if (!found) throw notReady(state);
      return {
        total: found.total,
        items: found.hits.map(({ definition: d, score }) => ({
          id: d.id,
          municipality: d.municipality,
          municipalityName: municipalityName(d.municipality),
          title: d.title,
          category: d.category,
          lifeEvents: d.lifeEvents,
          score,
        })),
      };
    },
  );

  app.get(
    '/services',
    {
      schema: {
        summary: 'ぴったりサービス: search form with the ぴったり questions, and results (public)',
        description:
          'A GET form; 400 re-renders it with an error summary; 503 says 準備中 while the catalogue loads.',
        tags: ['pages'],
        querystring: PageQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      rememberLang(reply, req.query);
      const { user, home } = await visitor(req);
      const { lang: _l, ...raw } = req.query;
      // A visitor who has not chosen yet starts with their own municipality, when known.
      const query: ServicesQuery =
        raw.municipality === undefined && home ? { ...raw, municipality: home } : raw;
      const { answers, errors: answerErrors } = parseAnswers(query);
      const known = store.municipalities();
      const errors = [...filterErrors(query, known), ...answerErrors];
      const municipalities = known.map((code) => ({ code, name: municipalityName(code) }));
      const state = store.state();
      const preparing = state !== 'ready';
      let results: Parameters<typeof renderServicesPage>[1]['results'];
      if (!preparing && errors.length === 0) {
        const found = store.search({
          q: query.q ?? '',
          municipality: query.municipality ?? '',
          category: query.category ?? '',
          lifeEvent: query.lifeEvent ?? '',
          limit: 20,
        });
        if (found)
          results = {
            total: found.total,
            capped: found.total >= 1000,
            items: found.hits.map(({ definition }) => ({
              definition,
              municipalityName: municipalityName(definition.municipality),
              verdict: verdictOf(definition, home ? { ...answers, municipality: home } : answers),
            })),
          };
      }
      const page = renderServicesPage(lang, {
        query,
        answers: answersQuery(query),
        municipalities,
        results,
        preparing,
        errors,
        ...(user ? { user } : {}),
      });
      return sendHtml(reply, page, errors.length > 0 ? 400 : preparing ? 503 : 200);
    },
  );

  function findService(params: { municipality: string; id: string }): ServiceDefinition {
    if (store.syncedAt === null) throw notReady(store.state());
    const def = store.get(params.municipality, params.id);
    if (!def) throw new AppError('resource.not_found');
    return def;
  }

  app.get(
    '/services/:municipality/:id',
    {
      schema: {
        summary: 'One service: description, fee, contact, signature, eligibility and personalised documents',
        description:
          'The ぴったり answers come in the query string (ages, singleParent, working, pregnant); documents the office obtains over the network are shown as 情報連携により省略. 404 for an unknown service.',
        tags: ['pages'],
        params: ServiceParams,
        querystring: AnswersQuery,
        produces: ['text/html'],
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      rememberLang(reply, req.query);
      const def = findService(req.params);
      const { user, home } = await visitor(req);
      const { lang: _l, ...query } = req.query;
      const { answers, errors } = parseAnswers(query);
      const view = pittariView(def, home ? { ...answers, municipality: home } : answers, deps.reach(def));
      const page = renderServiceDetailPage(lang, {
        definition: def,
        municipalityName: municipalityName(def.municipality),
        view,
        query,
        answers: answersQuery(query),
        errors,
        ...(user ? { user } : {}),
      });
      return sendHtml(reply, page, errors.length > 0 ? 400 : 200);
    },
  );
}
