import type { Kysely } from '@madoguchi/db';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { AgencyDB } from '../../data/schema.ts';
import { catalogueFeed, publishedDefinition } from '../../services/catalogue/feed.ts';
import { ServiceIdSchema } from '../staff/catalogue.ts';

// Unknown rather than ServiceDefinitionSchema: the serializer then emits the stored JSON unchanged
// (JSON.stringify), where a compiled schema would re-order keys, coerce values and drop what it does not
// know, and cost far more per item on a page of up to 1,000 definitions.
const Definition = Type.Unknown({
  description: 'ServiceDefinition (@madoguchi/catalogue ServiceDefinitionSchema), exactly as published',
});

const FeedItem = Type.Object({
  version: Type.Integer(),
  municipality: Type.String({ description: '地方公共団体コード (6 digits)' }),
  id: Type.String(),
  deleted: Type.Boolean({ description: 'A tombstone: the service was withdrawn; definition is null' }),
  definition: Type.Union([Definition, Type.Null()]),
});

export function registerPublicCatalogueApi(app: HttpApp, db: Kysely<AgencyDB>): void {
  app.get(
    '/api/public/catalogue/services',
    {
      schema: {
        summary: 'Catalogue feed: the latest state of every service changed after a version, oldest first',
        tags: ['catalogue'],
        querystring: Type.Object({
          after: Type.Integer({ minimum: 0, default: 0, description: 'The `next` of the previous page' }),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 500 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(FeedItem),
            next: Type.Integer({
              description: "The last item's version, or `after` when there are no items",
            }),
          }),
          400: ErrorBodySchema,
        },
      },
    },
    async (req) => catalogueFeed(db, req.query.after, req.query.limit),
  );

  app.get(
    '/api/public/catalogue/services/:municipality/:id',
    {
      schema: {
        summary: 'One published service definition',
        tags: ['catalogue'],
        params: Type.Object({ municipality: Type.String({ pattern: '^[0-9]{6}$' }), id: ServiceIdSchema }),
        response: { 200: Definition, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req) => publishedDefinition(db, req.params.municipality, req.params.id),
  );
}
