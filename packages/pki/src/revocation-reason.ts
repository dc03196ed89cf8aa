/** The reasons a staff member may give; codes are RFC 5280 CRLReason values. */
export type RevocationReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation';

export const revocationReasonCodes: Record<RevocationReason, number> = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
};

export function revocationReasonOf(code: number | undefined): RevocationReason {
  const found = Object.entries(revocationReasonCodes).find(([, c]) => c === code);
  // RFC 5280 has the reason absent for 'unspecified'; codes outside our list are reported as unspecified too.
  return (found?.[0] as RevocationReason | undefined) ?? 'unspecified';
}
