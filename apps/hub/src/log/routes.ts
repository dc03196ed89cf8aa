/**
 * Public exchange-log endpoints: checkpoints, the log key and proofs. No entry content is public —
 * only hashes, which reveal nothing without the entry text a person or agency already holds.
 */
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { ErrorBodySchema, type HttpApp, Type } from '@madoguchi/http';
import type { HubDB } from '../data/schema.ts';
import { locateEntry } from './entry-queries.ts';
import type { LogKey } from './log-key.ts';
import { consistencyProofBetween, currentCheckpoint, inclusionProofAt } from './proofs.ts';
import { ConsistencyAnswer, ConsistencyQuery, InclusionAnswer, InclusionQuery, Uuid } from './schemas.ts';

const b64 = (hashes: Buffer[]) => hashes.map((h) => h.toString('base64'));

/** How long a served checkpoint is reused: monitors poll it, and half a second behind is still signed truth. */
const CHECKPOINT_REUSE_MS = 500;

export function registerPublicLogRoutes(
  app: HttpApp,
  db: Kysely<HubDB>,
  key: LogKey,
): { checkpointChanged(): void } {
  let latest: { note: string; at: number; loading?: Promise<string> } | undefined;
  const latestNote = async (): Promise<string> => {
    if (latest && Date.now() - latest.at < CHECKPOINT_REUSE_MS) return latest.note;
    // Concurrent requests share one read.
    if (latest?.loading) return latest.loading;
    const loading = currentCheckpoint(db, key).then((cp) => cp.note);
    latest = { note: latest?.note ?? '', at: latest?.at ?? 0, loading };
    try {
      const note = await loading;
      latest = { note, at: Date.now() };
      return note;
    } catch (err) {
      latest = undefined;
      throw err;
    }
  };
  app.get(
    '/log/checkpoint',
    {
      schema: {
        summary: 'The latest signed checkpoint of the exchange log (C2SP tlog-checkpoint signed note)',
        tags: ['log'],
        produces: ['text/plain'],
        response: { 200: Type.String() },
      },
    },
    async (_req, reply) => {
      const note = await latestNote();
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(note);
    },
  );

  app.get(
    '/log/key',
    {
      schema: {
        summary: 'The exchange-log verifier key (C2SP signed-note vkey)',
        tags: ['log'],
        produces: ['text/plain'],
        response: { 200: Type.String() },
      },
    },
    async (_req, reply) =>
      reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=300').send(key.vkey),
  );

  app.get(
    '/log/proof/inclusion',
    {
      schema: {
        summary: 'RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves',
        tags: ['log'],
        querystring: InclusionQuery,
        response: { 200: InclusionAnswer, 400: ErrorBodySchema },
      },
    },
    async (req) => {
      const { index, size } = req.query;
      return { index, size, proof: b64(await inclusionProofAt(db, index, size)) };
    },
  );

  app.get(
    '/log/proof/consistency',
    {
      schema: {
        summary: 'RFC 9162 consistency proof between the trees of `from` and `to` leaves',
        tags: ['log'],
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyAnswer, 400: ErrorBodySchema },
      },
    },
    async (req) => ({ proof: b64(await consistencyProofBetween(db, req.query.from, req.query.to)) }),
  );

  app.get(
    '/log/sequenced/:entryId',
    {
      schema: {
        summary: "An entry's leaf index once sequenced (409 log.entry_pending while it waits)",
        tags: ['log'],
        params: Type.Object({ entryId: Uuid }),
        response: { 200: Type.Object({ index: Type.Integer() }), 404: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (req) => {
      const where = await locateEntry(db, req.params.entryId);
      if (where === undefined) throw new AppError('resource.not_found');
      if (where === 'pending') throw new AppError('log.entry_pending');
      return { index: where };
    },
  );
  return {
    // This process's sequencer signed a new checkpoint: serve it from now on.
    checkpointChanged: () => {
      latest = undefined;
    },
  };
}
