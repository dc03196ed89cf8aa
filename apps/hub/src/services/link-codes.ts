/**
 * Person keys and link codes (符号), exactly as docs/exchange.md fixes them: the hub never stores a My
 * Number, and an agency's link code is deterministic (retries are idempotent) but unlinkable to another
 * agency's without HUB_PERSON_SECRET.
 */
import { createHmac } from 'node:crypto';

/** HMAC-SHA256(secret, "person:" + myNumber): the person's identity inside the hub. */
export function personKeyOf(personSecret: string, myNumber: string): Buffer {
  return createHmac('sha256', personSecret).update(`person:${myNumber}`).digest();
}

/** base64url(HMAC-SHA256(secret, "fugo:" + agencyCode + ":" + personId))[0..22]. */
export function fugoOf(personSecret: string, agencyCode: string, personId: string): string {
  return createHmac('sha256', personSecret)
    .update(`fugo:${agencyCode}:${personId}`)
    .digest('base64url')
    .slice(0, 22);
}

/** The person's link code at the portal: the `person` of every exchange-log entry about them. */
export function portalFugoOf(personSecret: string, personId: string): string {
  return fugoOf(personSecret, 'portal', personId);
}

export interface LinkCodes {
  personKeyOf(myNumber: string): Buffer;
  fugoOf(agencyCode: string, personId: string): string;
  portalFugoOf(personId: string): string;
}

/** The three functions bound to the configured secret (`config.personSecret`). */
export function linkCodes(personSecret: string): LinkCodes {
  return {
    personKeyOf: (n) => personKeyOf(personSecret, n),
    fugoOf: (a, p) => fugoOf(personSecret, a, p),
    portalFugoOf: (p) => portalFugoOf(personSecret, p),
  };
}
