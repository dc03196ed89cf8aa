import { type ErrorCode, isErrorCode } from '@madoguchi/errors';
import type { BasicFacts } from '@madoguchi/pki';

/** A typed refusal from jpki or the agency, carried to the CLI's error output. */
export class RemoteError extends Error {
  readonly code: ErrorCode | undefined;
  readonly status: number;
  constructor(status: number, code: string | undefined, message: string) {
    super(message);
    this.name = 'RemoteError';
    this.status = status;
    this.code = code && isErrorCode(code) ? code : undefined;
  }
}

export interface StaffApi {
  url: string;
  token: string;
  staffId: string;
}

export async function staffCall<T>(
  api: StaffApi,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(path, api.url), {
      method,
      headers: {
        authorization: `Bearer ${api.token}`,
        'x-staff-id': api.staffId,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new RemoteError(0, 'upstream.unavailable', `${api.url} did not answer (${(err as Error).message})`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new RemoteError(
      res.status,
      error?.code,
      error?.message ?? `HTTP ${res.status} from ${api.url}${path}`,
    );
  }
  return json as T;
}

export interface AgencyResident {
  id: string;
  municipalityCode: string;
  facts: BasicFacts;
}

export const agencyStaff = {
  readResident: (api: StaffApi, id: string) =>
    staffCall<AgencyResident>(api, 'GET', `/api/staff/residents/${encodeURIComponent(id)}`),
  createResident: (api: StaffApi, input: Partial<BasicFacts> & { municipalityCode?: string }) =>
    staffCall<AgencyResident>(api, 'POST', '/api/staff/residents', input),
};

export interface IssuedCard {
  cardSerial: string;
  sign: { serial: string; certificatePem: string };
  auth: { serial: string; certificatePem: string };
  chain: { rootPem: string; signCaPem: string; authCaPem: string };
}

export interface CardStatus {
  cardSerial: string;
  certificates: {
    kind: 'sign' | 'auth';
    serial: string;
    status: string;
    notAfter: string;
    revokedAt?: string;
    reason?: string;
  }[];
}

const card = (serial: string) => `/api/staff/cards/${encodeURIComponent(serial)}`;

export const jpkiStaff = {
  issueCard: (
    api: StaffApi,
    body: { residentRef: string; facts: BasicFacts; signCsr: string; authCsr: string },
  ) => staffCall<IssuedCard>(api, 'POST', '/api/staff/cards', body),
  revoke: (api: StaffApi, cardSerial: string, body: { kind: 'sign' | 'auth'; reason: string }) =>
    staffCall<{ serial: string; revokedAt: string; reason: string }>(
      api,
      'POST',
      `${card(cardSerial)}/revoke`,
      body,
    ),
  unlock: (api: StaffApi, cardSerial: string) =>
    staffCall<{ cardSerial: string; unlockedAt: string }>(api, 'POST', `${card(cardSerial)}/unlock`, {}),
  status: (api: StaffApi, cardSerial: string) => staffCall<CardStatus>(api, 'GET', card(cardSerial)),
};
