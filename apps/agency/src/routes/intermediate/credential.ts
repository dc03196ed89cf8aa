import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import { findTenant } from '../../data/exchange.ts';
import type { AgencyDB } from '../../data/schema.ts';
import type { ExchangeKeys } from '../../services/exchange/keys.ts';

export const AgencyCodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }) });

export function registerCredential(app: HttpApp, db: Kysely<AgencyDB>, keys: ExchangeKeys): void {
  app.get(
    '/api/intermediate/:code/credential',
    {
      schema: {
        summary: "A hosted agency's exchange credential (public key and endpoint), for enrollment at the hub",
        tags: ['intermediate'],
        params: AgencyCodeParams,
        response: {
          200: Type.Object({
            agencyCode: Type.String(),
            publicKey: Type.String(),
            endpointUrl: Type.String(),
          }),
          400: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (req) => {
      const tenant = await findTenant(db, req.params.code);
      if (!tenant) throw new AppError('resource.not_found');
      return {
        agencyCode: tenant.code,
        publicKey: keys.agencyKey(tenant.code).publicKeyB64,
        endpointUrl: keys.endpointUrl(tenant.code),
      };
    },
  );
}
