/**
 * The closed catalogue of audit event types (documented in docs/audit-events.md). A new kind of
 * access to personal data gets a new entry here first; the writer accepts nothing else.
 */
export const auditEventTypes = {
  'inquiry.created': 'A person submitted an inquiry (問い合わせ) through the portal.',
  'inquiry.listed': 'Staff listed inquiries, which hold names and contact addresses.',
  'resident.counted': 'Staff read the count of residents per municipality (no personal fields).',
  'resident.seeded': 'Demo residents were created by `madoguchi seed`.',
  'ca.root_created': 'The root certificate authority key and certificate were created.',
  'ca.issuer_created': 'An issuing CA or OCSP signing key and certificate were created.',
  'card.issued': 'A My Number card and its two certificates were issued to a person.',
  'card.renewed': "A card's certificates were renewed (new certificates linked to the old ones).",
  'card.unlocked': 'Staff reset the wrong-PIN counters of a locked card.',
  'card.facts_changed': "A person's name or address changed; their signature certificate was revoked.",
  'certificate.revoked': 'A certificate was revoked.',
  'certificate.identified': 'A relying party mapped an authentication certificate to its pairwise subject.',
  'signature.verified': "A verifier checked a signature and received the signer's basic facts.",
  'resident.read': "Staff read one resident's basic facts (e.g. to issue a card).",
  'resident.created': 'Staff created a resident record (demo residents for cards).',
  'login.succeeded': 'A person logged in to the portal with their card.',
  'login.failed': 'A card login was refused; the detail holds the reason code.',
  'session.ended': 'A person logged out or their session timed out.',
  'account.read': 'A person opened a page showing their own account (nickname, e-mail).',
  'account.updated': 'A person changed their account settings (nickname, e-mail).',
  'account.email_confirmed': 'A person confirmed their notification e-mail address.',
  'agency.enrolled': "An agency's exchange credential (public key, endpoint) was registered at the hub.",
  'fugo.registered': 'A municipality registered a resident and received their link code (符号).',
  'fugo.copy_registered': "An agency registered its copy of a person's data and received its link code.",
  'fugo.copy_refused':
    "An agency's copy registration was refused (basic facts did not match the municipality's record).",
  'fugo.portal_linked': "The portal obtained a person's link code after their card login.",
  'fugo.facts_checked':
    "The hub asked a municipality whether an agency's basic facts match its resident record.",
  'exchange.permit_decided':
    'The hub granted or refused a query against the law table (the log entry holds the detail).',
  'exchange.provided': "An intermediate server answered a permit with a person's information.",
  'exchange.rejected':
    'An intermediate server rejected a permit (forged, expired, replayed or unknown link code).',
  'exchange.queried': 'An agency queried another agency through the hub (querier side).',
  'log.read': 'A person (through the portal) or a supervisor read exchange-log entries about a person.',
  'info.recorded':
    'Staff recorded or updated information an agency holds for exchange (intermediate server).',
  'info.read': 'Staff read the information an agency holds about a person.',
  'mydata.viewed': 'A person viewed わたしの情報 (their data read live from the agencies).',
  'mydata.downloaded': 'A person downloaded わたしの情報 as JSON or CSV.',
  'history.viewed': 'A person viewed their やりとり履歴 (exchange history).',
  'history.verified': "A person checked an exchange-log entry's inclusion proof (検証).",
  'history.bundle_downloaded': 'A person downloaded their exchange history with proofs.',
} as const;

export type AuditEventType = keyof typeof auditEventTypes;

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEvent {
  type: AuditEventType;
  /** Who acted: 'resident:<id>', 'staff:<id>', 'agency:<code>', 'system:<job>'. */
  actor: string;
  /** When a proxy or staff acts for a person: whose data it is. */
  onBehalfOf?: string;
  /** Legal basis / 事務 for the access, in words a person would understand. */
  purpose: string;
  requestId: string;
  /** What was touched, e.g. 'inquiry:<id>'; never the personal data itself. */
  subject?: string;
  outcome: AuditOutcome;
  /** Non-personal facts about the event (counts, codes). */
  detail?: Record<string, string | number | boolean>;
}
