/**
 * やりとり履歴 for the portal (national:digital, signed requests): a person's own entries, one entry
 * with its proof, and the verifiable download. The portal has authenticated the person (card login)
 * and names them by its link code; an entry of anyone else answers 404, exactly like no entry.
 */
import { ErrorBodySchema, type HttpApp } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import type { AgencyKindCode } from '../bessyo2/index.ts';
import { type LogReadContext, listPersonEntries, personBundle, personEntryProof } from './person-log.ts';
import {
  Bundle,
  EntryList,
  PersonBundleBody,
  PersonEntriesBody,
  PersonProof,
  PersonProofBody,
} from './schemas.ts';

/** The hub's signed-request check (routes/agency-auth.ts): resolves the calling agency or throws. */
export type RequireAgency = (
  req: FastifyRequest,
  allowedKinds?: readonly AgencyKindCode[],
) => Promise<{ code: string; kind: string }>;

const PORTAL_KINDS: readonly AgencyKindCode[] = ['national:digital'];
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };

export function registerPersonLogRoutes(
  app: HttpApp,
  ctx: Omit<LogReadContext, 'requestId'>,
  requireAgency: RequireAgency,
): void {
  // Checked before the body schema (the signature covers the raw bytes), so an unsigned caller
  // learns nothing about what a valid body looks like.
  const callers = new WeakMap<FastifyRequest, string>();
  const preValidation = async (req: FastifyRequest) => {
    callers.set(req, `agency:${(await requireAgency(req, PORTAL_KINDS)).code}`);
  };
  const actorOf = (req: FastifyRequest) => callers.get(req) as string;
  app.post(
    '/api/log/person/entries',
    {
      preValidation,
      schema: {
        summary: "A person's exchange-log entries, newest first (portal only)",
        tags: ['log'],
        body: PersonEntriesBody,
        response: { 200: EntryList, ...errors },
      },
    },
    async (req) => {
      const { person, ...query } = req.body;
      return listPersonEntries({ ...ctx, requestId: req.id }, actorOf(req), person, query);
    },
  );

  app.post(
    '/api/log/person/proof',
    {
      preValidation,
      schema: {
        summary:
          "One of a person's entries with its inclusion proof against the latest checkpoint (portal only)",
        tags: ['log'],
        body: PersonProofBody,
        response: { 200: PersonProof, ...errors, 404: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (req) => {
      return personEntryProof({ ...ctx, requestId: req.id }, actorOf(req), req.body.person, req.body.entryId);
    },
  );

  app.post(
    '/api/log/person/bundle',
    {
      preValidation,
      schema: {
        summary: "A person's entries with proofs against one checkpoint, verifiable offline (portal only)",
        tags: ['log'],
        body: PersonBundleBody,
        response: { 200: Bundle, ...errors },
      },
    },
    async (req) => {
      const { person, ...query } = req.body;
      return personBundle({ ...ctx, requestId: req.id }, actorOf(req), person, query);
    },
  );
}
