import type { Kysely } from '@madoguchi/db';
import { SignatureHeaders } from '@madoguchi/exchange';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { AgencyDB } from '../../data/schema.ts';
import { checkFacts, residentFugoForHub } from '../../services/exchange/hub-requests.ts';
import type { ExchangeKeys } from '../../services/exchange/keys.ts';
import { AgencyCodeParams } from './credential.ts';
import { hubSignatureCheck } from './raw-json.ts';

const Verdict = Type.Union([Type.Literal('match'), Type.Literal('mismatch')]);
const hubErrors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  503: ErrorBodySchema,
};

/** Calls only the hub makes, signed with its network key; municipal tenants only. */
export function registerHubCalls(app: HttpApp, db: Kysely<AgencyDB>, keys: ExchangeKeys): void {
  const fromHub = hubSignatureCheck(keys);

  app.post(
    '/api/intermediate/:code/facts-check',
    {
      preHandler: fromHub,
      schema: {
        summary:
          "Linkage assurance: compare another agency's birth date and kana name with the resident record",
        tags: ['intermediate'],
        headers: SignatureHeaders,
        params: AgencyCodeParams,
        body: Type.Object(
          {
            items: Type.Array(
              Type.Object(
                {
                  ref: Type.String({ maxLength: 100 }),
                  fugo: Type.String({ maxLength: 64 }),
                  birthDate: Type.String({ maxLength: 10 }),
                  kanaName: Type.String({ maxLength: 100 }),
                },
                { additionalProperties: false },
              ),
              { maxItems: 1000 },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ref: Type.String(), birthDate: Verdict, kanaName: Verdict })),
          }),
          ...hubErrors,
        },
      },
    },
    async (req) => ({ items: await checkFacts(db, req.params.code, req.body.items, req.id) }),
  );

  app.post(
    '/api/intermediate/:code/resident-fugo',
    {
      preHandler: fromHub,
      schema: {
        summary: "The municipality's link code for one of its residents (portal link after card login)",
        tags: ['intermediate'],
        headers: SignatureHeaders,
        params: AgencyCodeParams,
        body: Type.Object({ residentId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ fugo: Type.String() }), ...hubErrors },
      },
    },
    async (req) => ({ fugo: await residentFugoForHub(db, req.params.code, req.body.residentId, req.id) }),
  );
}
