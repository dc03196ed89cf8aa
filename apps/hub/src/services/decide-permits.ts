/**
 * Permits (照会許可): for each candidate provider, every requested information type is checked against
 * the law table on the JST day; the decision and its exchange-log entries commit together, so no
 * decision exists without its entry. Pipeline: resolveQuerier → candidates → decide → commit (log +
 * audit) → sign permits → wake the sequencer.
 */
import { randomUUID } from 'node:crypto';
import { auditInsertSql, writeAudit } from '@madoguchi/audit';
import { sql } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { type LogEntry, PERMIT_LIFETIME_SECONDS, signPermit } from '@madoguchi/exchange';
import { type InfoTypeCode, kindOfAgency, permits } from '../bessyo2/index.ts';
import { findAgency } from '../data/credentials.ts';
import { personAndHolders } from '../data/persons.ts';
import { appendPendingSql } from '../log/append-pending.ts';
import { type AgencyCaller, actorOf, type HubContext } from './context.ts';

export interface PermitRequest {
  task: string;
  fugo: string;
  infoTypes: InfoTypeCode[];
  provider?: string | undefined;
}

export interface GrantedPermit {
  provider: string;
  providerName: string;
  endpointUrl: string;
  permit: string;
  entryId: string;
  infoTypes: string[];
}

export interface Refusal {
  provider: string;
  entryId: string;
  infoTypes: string[];
  reason: string;
}

interface Candidate {
  code: string;
  name: string;
  fugo: string | null;
  endpointUrl: string | null;
}

/** Allowed types, or the most telling refusal reason (a lapsed or coming row says more than none). */
function decideOne(ctx: HubContext, caller: AgencyCaller, req: PermitRequest, c: Candidate, at: Date) {
  if (c.fugo === null) return { allowed: [] as string[], reason: 'no_copy' };
  const providerKind = kindOfAgency(c.code);
  const allowed: string[] = [];
  let reason = 'no_row';
  for (const infoType of req.infoTypes) {
    const d =
      providerKind === null
        ? { ok: false as const, reason: 'no_row' as const }
        : permits(ctx.table, { querierKind: caller.kind, taskCode: req.task, providerKind, infoType, at });
    if (d.ok) allowed.push(infoType);
    else if (d.reason !== 'no_row') reason = d.reason;
  }
  if (allowed.length > 0 && c.endpointUrl === null) return { allowed: [], reason: 'not_enrolled' };
  return { allowed, reason };
}

async function candidatesOf(ctx: HubContext, caller: AgencyCaller, holders: Candidate[], provider?: string) {
  if (provider === undefined) return holders.filter((h) => h.code !== caller.code);
  const held = holders.find((h) => h.code === provider);
  if (held) return [held];
  const agency = await findAgency(ctx.db, provider);
  if (agency === undefined) throw new AppError('resource.not_found', { details: { provider } });
  return [{ code: agency.code, name: agency.name, fugo: null, endpointUrl: agency.endpoint_url }];
}

export async function decidePermits(
  ctx: HubContext,
  caller: AgencyCaller,
  req: PermitRequest,
): Promise<{ permits: GrantedPermit[]; refusals: Refusal[] }> {
  const base = {
    actor: actorOf(caller),
    purpose: `情報照会の許可判定（事務: ${req.task}）`,
    requestId: caller.requestId,
  };
  const found = await personAndHolders(ctx.db, caller.code, req.fugo);
  if (found === undefined) {
    await writeAudit(ctx.db, {
      ...base,
      type: 'exchange.permit_decided',
      outcome: 'denied',
      detail: { task: req.task, reason: 'fugo_unknown' },
    });
    throw new AppError('fugo.unknown');
  }
  const { personId } = found;
  const candidates = await candidatesOf(ctx, caller, found.holders, req.provider);
  const now = new Date();
  const person = ctx.codes.portalFugoOf(personId);
  const decided = candidates.flatMap((c) => {
    const d = decideOne(ctx, caller, req, c, now);
    // Without a named provider, a holder the table never mentions for this query is not a candidate:
    // logging "refused" for every agency that happens to hold a copy would only bury real decisions.
    if (req.provider === undefined && d.allowed.length === 0 && d.reason === 'no_row') return [];
    const entry: LogEntry = {
      v: 1,
      id: randomUUID(),
      at: now.toISOString(),
      querier: caller.code,
      provider: c.code,
      task: req.task,
      infoTypes: d.allowed.length > 0 ? d.allowed : [...req.infoTypes],
      person,
      outcome: d.allowed.length > 0 ? 'permitted' : 'refused',
      reason: d.allowed.length > 0 ? null : d.reason,
      tableVersion: ctx.table.tableVersion,
    };
    return [{ c, entry }];
  });
  const granted = decided.filter((d) => d.entry.outcome === 'permitted');
  // The decision's entries and its audit row in one statement: they commit together or not at all.
  const audit = auditInsertSql({
    ...base,
    type: 'exchange.permit_decided',
    subject: `person:${personId}`,
    outcome: granted.length > 0 ? 'success' : 'denied',
    detail: { task: req.task, permitted: granted.length, refused: decided.length - granted.length },
  });
  if (decided.length === 0) await audit.execute(ctx.db);
  else await sql`with pending as (${appendPendingSql(decided.map((d) => d.entry))}) ${audit}`.execute(ctx.db);
  ctx.wakeLog();
  const refusals = decided
    .filter((d) => d.entry.outcome === 'refused')
    .map(({ c, entry }) => ({
      provider: c.code,
      entryId: entry.id,
      infoTypes: entry.infoTypes,
      reason: entry.reason as string,
    }));
  if (req.provider !== undefined && granted.length === 0)
    throw new AppError('exchange.not_permitted', {
      details: {
        provider: req.provider,
        reason: refusals[0]?.reason ?? 'no_row',
        entryId: refusals[0]?.entryId ?? '',
      },
    });
  const iat = Math.floor(now.getTime() / 1000);
  return {
    permits: granted.map(({ c, entry }) => ({
      provider: c.code,
      providerName: c.name,
      endpointUrl: c.endpointUrl as string,
      entryId: entry.id,
      infoTypes: entry.infoTypes,
      permit: signPermit(
        {
          jti: entry.id,
          iss: 'madoguchi-hub',
          aud: c.code,
          sub: c.fugo as string,
          azp: caller.code,
          task: req.task,
          info: entry.infoTypes,
          iat,
          exp: iat + PERMIT_LIFETIME_SECONDS,
        },
        ctx.network.privateKey,
        ctx.network.kid,
      ),
    })),
    refusals,
  };
}
