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
