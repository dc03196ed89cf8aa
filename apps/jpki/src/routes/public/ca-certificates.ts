import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import { findCaCertificate } from '../../data/ca-keys.ts';
import type { JpkiDB } from '../../data/schema.ts';

const published = [
  { path: '/ca/root.pem', name: 'root', summary: 'The root CA certificate (PEM)' },
  { path: '/ca/sign.pem', name: 'sign', summary: 'The signature (署名用) issuing CA certificate (PEM)' },
  {
    path: '/ca/auth.pem',
    name: 'auth',
    summary: 'The authentication (利用者証明用) issuing CA certificate (PEM)',
  },
] as const;

export function registerCaCertificateRoutes(app: HttpApp, db: Kysely<JpkiDB>): void {
  for (const { path, name, summary } of published) {
    app.get(
      path,
      {
        schema: {
          summary,
          tags: ['certificates'],
          produces: ['application/x-pem-file'],
          response: { 200: Type.String(), 503: ErrorBodySchema },
        },
      },
      async (_req, reply) => {
        const pem = await findCaCertificate(db, name);
        if (!pem) throw new AppError('jpki.ca_not_initialised');
        return reply.type('application/x-pem-file').header('cache-control', 'public, max-age=300').send(pem);
      },
    );
  }
}
