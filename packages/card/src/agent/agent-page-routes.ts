import { AppError, messageOf } from '@madoguchi/errors';
import { type HttpApp, requestLang, Type } from '@madoguchi/http';
import { cardInfo } from '../card-operations.ts';
import { type CardChoice, homePage, requestPage, statusPage, wrongPinMessage } from './agent-pages.ts';
import { approveRequest } from './approve-request.ts';
import { checkOwnForm } from './origin-checks.ts';
import type { RequestStore } from './request-store.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{10,64}$' }) });
const html = 'text/html; charset=utf-8';

async function cardChoices(cards: readonly string[]): Promise<CardChoice[]> {
  return Promise.all(
    cards.map(async (path, index) => {
      const { cardSerial, label } = await cardInfo(path);
      return { index, cardSerial, label };
    }),
  );
}

/**
 * The agent's own pages: the person sees which site asks for what and types the PIN here, never
 * on the portal. Plain HTML forms, no script (the CSP forbids inline script anyway).
 */
export function registerAgentPages(
  app: HttpApp,
  ctx: { store: RequestStore; cards: readonly string[]; log: (msg: string) => void },
): void {
  app.get('/', { schema: { summary: 'What this agent is', tags: ['agent-pages'] } }, async (req, reply) =>
    reply.type(html).send(homePage(requestLang(req), ctx.cards.length)),
  );

  app.get(
    '/requests/:id',
    { schema: { summary: 'Approval page for one request', tags: ['agent-pages'], params: IdParams } },
    async (req, reply) => {
      const lang = requestLang(req);
      const request = ctx.store.get(req.params.id);
      if (!request) throw new AppError('agent.request_not_found');
      reply.header('cache-control', 'no-store').type(html);
      if (request.status !== 'pending') return reply.send(statusPage(lang, request, request.status));
      return reply.send(requestPage({ lang, request, cards: await cardChoices(ctx.cards) }));
    },
  );

  app.post(
    '/requests/:id',
    {
      schema: {
        summary: 'Approve (with the PIN) or decline a request',
        tags: ['agent-pages'],
        params: IdParams,
        body: Type.Object({
          formToken: Type.String({ maxLength: 100 }),
          action: Type.Union([Type.Literal('approve'), Type.Literal('decline')]),
          pin: Type.Optional(Type.String({ maxLength: 64 })),
          card: Type.Optional(Type.Integer({ minimum: 0, maximum: 99 })),
        }),
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const request = ctx.store.get(req.params.id);
      if (!request) throw new AppError('agent.request_not_found');
      checkOwnForm(req, req.body.formToken, request.formToken);
      reply.header('cache-control', 'no-store').type(html);
      if (request.status !== 'pending')
        return reply.code(409).send(statusPage(lang, request, request.status));
      if (request.busy) return reply.code(409).send(statusPage(lang, request, 'busy'));
      if (req.body.action === 'decline') {
        request.status = 'declined';
        ctx.log(`request ${request.id}: declined`);
        return reply.send(statusPage(lang, request, 'declined'));
      }
      const cardIndex = req.body.card ?? 0;
      const cardPath = ctx.cards[cardIndex];
      if (!cardPath) throw new AppError('request.invalid');
      const again = async (status: number, error: string) =>
        reply.code(status).send(
          requestPage({
            lang,
            request,
            cards: await cardChoices(ctx.cards),
            selectedCard: cardIndex,
            error,
          }),
        );
      request.busy = true;
      try {
        request.result = await approveRequest(request, cardPath, req.body.pin ?? '');
        request.status = 'done';
        ctx.log(`request ${request.id}: done`);
        return reply.send(statusPage(lang, request, 'done'));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'card.pin_format') return again(400, messageOf('card.pin_format', lang));
        if (err.code === 'card.pin_incorrect')
          return again(401, wrongPinMessage(lang, Number(err.details.remainingTries)));
        if (err.code === 'card.locked') {
          request.status = 'locked';
          ctx.log(`request ${request.id}: card locked`);
          return reply.code(423).send(statusPage(lang, request, 'locked'));
        }
        throw err;
      } finally {
        request.busy = false;
      }
    },
  );
}
