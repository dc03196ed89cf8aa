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
  // Private e-delivery and deduction certificates: portal side (issue 6, H4).
  'e_delivery.linked': 'A person linked their portal account to an e-delivery mailbox (OAuth consent).',
  'e_delivery.unlinked': 'A person removed the link to their e-delivery mailbox.',
  'e_delivery.kinds_changed': 'A person changed which notice kinds are also delivered to e-delivery.',
  'e_delivery.viewed': 'A person opened their e-delivery link and delivery status page.',
  'e_delivery.queued':
    'Notice deliveries to e-delivery mailboxes were queued for a recipient batch (counts only).',
  'e_delivery.sent': "A notice was delivered to a person's e-delivery mailbox by a signed webhook.",
  'deduction.imported': 'A person imported deduction certificates (控除証明書) from e-delivery.',
  'deduction.listed': 'A person listed their imported deduction certificates.',
  'deduction.downloaded': 'A person downloaded one signed deduction certificate.',
  'deduction.bundle_downloaded':
    'A person downloaded the ZIP bundle of their deduction certificates for e-Tax.',
  // Notices: hub addressing and the portal inbox (issue 6, H2).
  'notice.addressed': "The hub translated a batch of an agency's notice recipients to portal link codes.",
  'notice.stored': 'The portal stored the content of a notice from an agency (via the hub).',
  'notice.recipients_added': "The portal added a batch of recipients to a notice (people's inboxes).",
  'notice.listed': 'A person listed the notices in their inbox.',
  'notice.read': 'A person opened one of their notices.',
  'notice.attachment_downloaded': 'A person downloaded an attachment of one of their notices.',
  'notice.archived': 'A person archived or unarchived one of their notices.',
  'notice.alert_mailed': 'The portal mailed a person that a notice has arrived (no content in the mail).',
  'notification.settings_updated': 'A person changed which notice kinds send them a mail alert.',
  // Notices: sending from the agency (issue 6, H1).
  'notice.created':
    'Staff (or the age schedule) created a notice to a person or a segment and queued its fan-out.',
  'notice.previewed': 'Staff counted the recipients of a segment over the agency records (nothing sent).',
  'notice.fanned_out': "The fan-out job handed one step of a notice's recipients to the hub (counts only).",
  'notice.scheduled':
    'The daily age schedule run found children whose 健診/予防接種 notice is due (counts only).',
  'notice.status_read': "Staff read a notice's sending status, including link codes the hub did not know.",
  // Service catalogue: publishing from the agency (issue 7). Public data, audited as official acts.
  'catalogue.published':
    "Staff (or the demo seed) published or updated a municipality's service definition in the catalogue.",
  'catalogue.withdrawn': "Staff withdrew a municipality's service from the catalogue (a tombstone).",
  // Online applications: drafts and attachments in the portal (issue 7). A draft is a whole form: personal.
  'application.draft_saved':
    'A person saved their application draft for a service (一時保存, or before review).',
  'application.draft_read':
    'A person opened their application draft (form, review page or one attached file).',
  'application.attachment_added': 'A person attached a checked and scanned file to their application draft.',
  'application.attachment_removed': 'A person removed a file from their application draft.',
  'application.submitted':
    'A person signed their application with the card and submitted it (the draft became an application).',
  'application.receipt_downloaded': 'A person downloaded the 受付票 (receipt PDF) of their application.',
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
