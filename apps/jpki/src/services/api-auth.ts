import { AppError } from '@madoguchi/errors';
import { requireBearer } from '@madoguchi/http';

export { requireBearer };

const staffIdPattern = /^[A-Za-z0-9._@-]{1,64}$/;

/**
 * Staff authentication until staff SSO exists: the shared staff token proves "works at a
 * municipal office", the staff id names the person for the audit trail.
 */
export function requireStaff(
  headers: { authorization?: string | undefined; 'x-staff-id'?: string | string[] | undefined },
  staffToken: string,
): string {
  requireBearer(headers.authorization, staffToken);
  const staffId = headers['x-staff-id'];
  if (typeof staffId !== 'string' || !staffIdPattern.test(staffId))
    throw new AppError('auth.invalid_credentials');
  return `staff:${staffId}`;
}
