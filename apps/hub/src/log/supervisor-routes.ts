/** Supervisors (個人情報保護委員会) read exchange-log entries across people with a bearer token. */
import { AppError } from '@madoguchi/errors';
import { constantTimeEqual, ErrorBodySchema, type HttpApp } from '@madoguchi/http';
import { type LogReadContext, supervisorEntries } from './person-log.ts';
import { EntryList, SupervisorQuery } from './schemas.ts';

/** A missing and a wrong token get the same answer. */
function bearerMatches(header: string | undefined, expected: string): boolean {
  const got = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  return got !== undefined && constantTimeEqual(got, expected);
}

export function registerSupervisorLogRoutes(
  app: HttpApp,
  ctx: Omit<LogReadContext, 'requestId'>,
  supervisorToken: string,
): void {
  app.get(
    '/api/supervisor/log/entries',
    {
      schema: {
        summary: 'Exchange-log entries by agency and period, newest first (supervisor token)',
        tags: ['log'],
        querystring: SupervisorQuery,
        response: { 200: EntryList, 400: ErrorBodySchema, 401: ErrorBodySchema },
      },
    },
    async (req) => {
      if (!req.headers.authorization) throw new AppError('auth.required');
      if (!bearerMatches(req.headers.authorization, supervisorToken))
        throw new AppError('auth.invalid_credentials');
      return supervisorEntries({ ...ctx, requestId: req.id }, req.query);
    },
  );
}
