import { AppError } from '@madoguchi/errors';
import { Type } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import type { AgencyConfig } from '../../config.ts';
import { checkStaffToken, isValidStaffId } from '../../services/staff-auth.ts';

export const StaffHeaders = Type.Object({
  authorization: Type.String(),
  'x-staff-id': Type.String({ pattern: '^[A-Za-z0-9._@-]{1,64}$' }),
});

/** Staff API: Bearer staff token plus the staff member's id (for the audit trail). */
export function requireStaff(req: FastifyRequest, config: AgencyConfig): string {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const staffId = req.headers['x-staff-id'];
  if (!token || typeof staffId !== 'string' || !isValidStaffId(staffId)) throw new AppError('auth.required');
  checkStaffToken(token, config.staffToken);
  return staffId;
}
