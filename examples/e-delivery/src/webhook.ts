/**
 * The madoguchi webhook receiver: RFC 9421 signature (ed25519) with keys from the portal's JWKS, RFC 9530
 * digest, ±5 min freshness, and `Idempotency-Key` dedupe (a repeat answers 200 and stores nothing).
 */

import type { KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { AppError } from '@madoguchi/errors';
import { keysFromJwks, type VerifyResult, verifyRequest } from '@madoguchi/http-signatures';
import { rowAs, type Store } from './store.ts';

/**
 * Portal keys, cached. A signature naming an unknown kid triggers a refetch (key rotation), at most once
 * per kid every 10 s, so one forger cannot make us fetch on every request (the rate limit bounds the rest).
 */
export class JwksCache {
  readonly url: string;
  private keys = new Map<string, KeyObject>();
  private tried = new Map<string, number>();
  constructor(url: string) {
    this.url = url;
  }
  get(kid: string): KeyObject | undefined {
    return this.keys.get(kid);
  }
  private inflight: Promise<void> | undefined;
  /**
   * Fetches the published keys for a key id not seen yet, at most once per 10 s per id. Concurrent
   * callers wait for the fetch in flight (else the second of two webhooks arriving together with a
   * new key would be refused while the first one's fetch is still running).
   */
  refresh(kid: string): Promise<void> {
    if (this.inflight) return this.inflight;
    const last = this.tried.get(kid) ?? 0;
    if (Date.now() - last < 10_000) return Promise.resolve();
    if (this.tried.size > 1000) this.tried.clear();
    this.tried.set(kid, Date.now());
    const fetching = (async () => {
      try {
        const res = await fetch(this.url, { signal: AbortSignal.timeout(5000) });
        if (res.ok) this.keys = keysFromJwks(await res.json());
      } catch {
        // The portal unreachable: keep the keys we had; the sender will retry.
      } finally {
        this.inflight = undefined;
      }
    })();
    this.inflight = fetching;
    return fetching;
  }
}

export interface WebhookInput {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export async function verifyWebhook(jwks: JwksCache, input: WebhookInput): Promise<VerifyResult> {
  const attempt = () => verifyRequest({ ...input, keys: (kid) => jwks.get(kid) });
  let result = attempt();
  if (!result.ok && result.reason === 'unknown_key' && result.keyId !== undefined) {
    await jwks.refresh(result.keyId);
    result = attempt();
  }
  return result;
}

interface Notice {
  title: string;
  body: string;
  kind: string;
  sender: string;
  sentAt?: string;
}

function parseDelivery(body: string): { deliveryId: string; mailboxId: string; notice: Notice } {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    throw new AppError('request.malformed');
  }
  const o = v as { deliveryId?: unknown; mailboxId?: unknown; notice?: Record<string, unknown> };
  const n = o?.notice;
  const str = (x: unknown, max: number) => typeof x === 'string' && x.length > 0 && x.length <= max;
  if (!str(o?.deliveryId, 100) || !str(o?.mailboxId, 100) || typeof n !== 'object' || n === null)
    throw new AppError('request.invalid');
  if (!str(n.title, 200) || typeof n.body !== 'string' || n.body.length > 20_000 || !str(n.kind, 40))
    throw new AppError('request.invalid');
  // The sender's name when the portal gives one (what a person recognises), else its code.
  const sender =
    typeof n.senderName === 'string' ? n.senderName : typeof n.sender === 'string' ? n.sender : '';
  return {
    deliveryId: o.deliveryId as string,
    mailboxId: o.mailboxId as string,
    notice: {
      title: n.title as string,
      body: n.body,
      kind: n.kind as string,
      sender: sender.slice(0, 200),
      ...(typeof n.sentAt === 'string' ? { sentAt: n.sentAt } : {}),
    },
  };
}

/** Stores a verified delivery once; `duplicate` when this Idempotency-Key was seen before. */
export function storeDelivery(store: Store, idempotencyKey: string, body: string): 'stored' | 'duplicate' {
  const d = parseDelivery(body);
  if (d.deliveryId !== idempotencyKey)
    throw new AppError('request.invalid', { details: { reason: 'idempotency_key' } });
  const seen = rowAs(store.prepare('select 1 as x from messages where delivery_id = ?').get(d.deliveryId));
  if (seen) return 'duplicate';
  const mailbox = rowAs(store.prepare('select 1 as x from users where mailbox_id = ?').get(d.mailboxId));
  if (!mailbox) throw new AppError('webhook.mailbox_unknown');
  const r = store
    .prepare(
      `insert into messages (id, mailbox_id, delivery_id, kind, title, body, sender, sent_at, received_at, payload)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (delivery_id) do nothing`,
    )
    .run(
      randomUUID(),
      d.mailboxId,
      d.deliveryId,
      d.notice.kind,
      d.notice.title,
      d.notice.body,
      d.notice.sender,
      d.notice.sentAt ?? null,
      new Date().toISOString(),
      body,
    );
  return r.changes === 1 ? 'stored' : 'duplicate';
}
