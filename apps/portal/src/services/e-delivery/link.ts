import { createHash, randomBytes } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { isNoticeKind, type NoticeKind, noticeKinds } from '@madoguchi/reference';
import {
  deleteLink,
  findEDeliveryLink,
  insertAuthorization,
  latestWebhooks,
  takeAuthorization,
  updateLinkKinds,
  upsertLink,
  type WebhookStatusRow,
} from '../../data/e-delivery.ts';
import type { PortalDB } from '../../data/schema.ts';
import type { EDeliveryKeys } from './keys.ts';

export interface LinkDeps {
  db: Kysely<PortalDB>;
  keys: EDeliveryKeys;
  eDeliveryUrl: string;
  clientId: string;
  clientSecret: string;
  publicUrl: string;
}

export interface Caller {
  subject: string;
  sessionHash: Buffer;
  requestId: string;
}

const authorizationLifetimeMs = 10 * 60_000;
const purpose = '民間送達サービス連携 (e-delivery link the person asked for)';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export function redirectUri(deps: Pick<LinkDeps, 'publicUrl'>): string {
  return new URL('/account/e-delivery/callback', deps.publicUrl).toString();
}

/**
 * Starts the OAuth authorization code flow with PKCE (RFC 7636, S256): a fresh state and verifier,
 * stored for this browser session only, and the e-delivery authorization URL to send the person to.
 */
export async function startLink(deps: LinkDeps, caller: Caller): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  await insertAuthorization(deps.db, {
    stateHash: sha256(state),
    sessionHash: caller.sessionHash,
    subject: caller.subject,
    codeVerifier: verifier,
    expiresAt: new Date(Date.now() + authorizationLifetimeMs),
  });
  const url = new URL('/oauth/authorize', deps.eDeliveryUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: deps.clientId,
    redirect_uri: redirectUri(deps),
    state,
    code_challenge: sha256(verifier).toString('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

async function exchangeCode(
  deps: LinkDeps,
  code: string,
  verifier: string,
): Promise<{ accessToken: string; mailboxId: string }> {
  let res: Response;
  try {
    res = await fetch(new URL('/oauth/token', deps.eDeliveryUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(deps.clientId)}:${encodeURIComponent(deps.clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(deps),
        code_verifier: verifier,
      }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new AppError('edelivery.unavailable');
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status >= 500) throw new AppError('edelivery.unavailable');
  const { access_token: accessToken, mailbox_id: mailboxId } = body;
  if (res.status !== 200 || typeof accessToken !== 'string' || typeof mailboxId !== 'string')
    throw new AppError('edelivery.link_failed');
  if (accessToken.length === 0 || mailboxId.length === 0 || mailboxId.length > 200)
    throw new AppError('edelivery.link_failed');
  return { accessToken, mailboxId };
}

/**
 * The callback: the state must be the one this session started (single use, 10 minutes); the code is
 * exchanged with the client secret and the verifier. The access token is stored encrypted.
 */
export async function completeLink(
  deps: LinkDeps,
  caller: Caller,
  input: { code?: string; state?: string; error?: string },
): Promise<void> {
  const pending = input.state
    ? await takeAuthorization(deps.db, sha256(input.state), caller.sessionHash, caller.subject, new Date())
    : undefined;
  if (!pending) throw new AppError('edelivery.state_invalid');
  if (input.error || !input.code) throw new AppError('edelivery.consent_denied');
  const { accessToken, mailboxId } = await exchangeCode(deps, input.code, pending.codeVerifier);
  await deps.db.transaction().execute(async (trx) => {
    const existing = await findEDeliveryLink(trx, caller.subject);
    await upsertLink(trx, {
      subject: caller.subject,
      mailboxId,
      accessTokenEnc: deps.keys.encryptToken(accessToken),
      kinds: existing?.kinds ?? [...noticeKinds],
    });
    await writeAudit(trx, {
      type: 'e_delivery.linked',
      actor: `resident:${caller.subject}`,
      purpose,
      requestId: caller.requestId,
      subject: `account:${caller.subject}`,
      outcome: 'success',
      detail: { relinked: existing !== undefined },
    });
  });
}

export async function unlink(deps: Pick<LinkDeps, 'db'>, caller: Caller): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const removed = await deleteLink(trx, caller.subject);
    if (!removed) return false;
    await writeAudit(trx, {
      type: 'e_delivery.unlinked',
      actor: `resident:${caller.subject}`,
      purpose,
      requestId: caller.requestId,
      subject: `account:${caller.subject}`,
      outcome: 'success',
    });
    return true;
  });
}

export function parseKinds(raw: string | string[] | undefined): NoticeKind[] {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const kinds = new Set<NoticeKind>();
  for (const k of list) {
    if (!isNoticeKind(k)) throw new AppError('request.invalid');
    kinds.add(k);
  }
  return noticeKinds.filter((k) => kinds.has(k));
}

export async function setKinds(
  deps: Pick<LinkDeps, 'db'>,
  caller: Caller,
  kinds: NoticeKind[],
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateLinkKinds(trx, caller.subject, kinds))) throw new AppError('edelivery.not_linked');
    await writeAudit(trx, {
      type: 'e_delivery.kinds_changed',
      actor: `resident:${caller.subject}`,
      purpose,
      requestId: caller.requestId,
      subject: `account:${caller.subject}`,
      outcome: 'success',
      detail: { kinds: kinds.join(',') },
    });
  });
}

export interface EDeliveryView {
  link: { mailboxId: string; kinds: NoticeKind[]; linkedAt: Date } | undefined;
  deliveries: WebhookStatusRow[];
}

/** The page's data: the link (never the token) and the latest deliveries; audited as a read. */
export async function readEDelivery(deps: Pick<LinkDeps, 'db'>, caller: Caller): Promise<EDeliveryView> {
  return deps.db.transaction().execute(async (trx) => {
    const link = await findEDeliveryLink(trx, caller.subject);
    const deliveries = await latestWebhooks(trx, caller.subject, 20);
    await writeAudit(trx, {
      type: 'e_delivery.viewed',
      actor: `resident:${caller.subject}`,
      purpose,
      requestId: caller.requestId,
      subject: `account:${caller.subject}`,
      outcome: 'success',
      detail: { linked: link !== undefined, deliveries: deliveries.length },
    });
    return {
      link: link && {
        mailboxId: link.mailbox_id,
        kinds: link.kinds.filter(isNoticeKind),
        linkedAt: link.linked_at,
      },
      deliveries,
    };
  });
}
