import type { Kysely } from '@madoguchi/db';
import type { HttpApp } from '@madoguchi/http';
import type { AgencyDB } from '../../data/schema.ts';
import type { ExchangeKeys } from '../../services/exchange/keys.ts';
import { registerAnswer } from './answer.ts';
import { registerCredential } from './credential.ts';
import { registerHubCalls } from './hub-calls.ts';
import { keepRawJson } from './raw-json.ts';

/** The intermediate servers (中間サーバー) of every hosted agency, under /api/intermediate/{code}. */
export function registerIntermediateApi(app: HttpApp, db: Kysely<AgencyDB>, keys: ExchangeKeys): void {
  app.register(async (scope: HttpApp) => {
    keepRawJson(scope);
    registerCredential(scope, db, keys);
    registerAnswer(scope, db, keys);
    registerHubCalls(scope, db, keys);
  });
}
