import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import { findCaCertificate } from '../../data/ca-keys.ts';
import type { JpkiDB } from '../../data/schema.ts';

export function registerCaCertificateRoutes(app: HttpApp, db: Kysely<JpkiDB>): void {
  app.get(
    '/ca/root.pem',
    {
      schema: {
        summary: 'The root CA certificate (PEM)',
        tags: ['certificates'],
        produces: ['application/x-pem-file'],
        response: { 200: Type.String(), 503: ErrorBodySchema },
      },
    },
    async (_req, reply) => {
      const pem = await findCaCertificate(db, 'root');
      if (!pem) throw new AppError('jpki.ca_not_initialised');
      return reply.type('application/x-pem-file').header('cache-control', 'public, max-age=300').send(pem);
    },
  );
}
