import { randomBytes } from 'node:crypto';
import { AppError } from '@madoguchi/errors';

export type AgentRequestStatus = 'pending' | 'done' | 'declined' | 'locked' | 'expired';

export type AgentRequestInput =
  | { kind: 'login'; challenge: string }
  | { kind: 'sign'; documentName: string; documentHash: string };

export type AgentRequest = AgentRequestInput & {
  id: string;
  /** The portal origin that asked; it is also what a login signature binds. */
  site: string;
  createdAt: number;
  expiresAt: number;
  status: AgentRequestStatus;
  /** Proves a form post came from the page the agent rendered (CSRF). */
  formToken: string;
  /** True while a PIN is being checked, so a double submit is not a second try. */
  busy: boolean;
  result?: { certificate: string; signature: string };
};

// Enough for any person clicking "log in" a few times; a page looping on POST cannot fill memory.
const maxOpen = 200;
const keepAfterEndMs = 10 * 60_000;

/** In-memory only: a restarted agent forgets its requests, and the portal simply asks again. */
export class RequestStore {
  readonly #requests = new Map<string, AgentRequest>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(ttlMs: number, now: () => number) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  create(input: AgentRequestInput, site: string): AgentRequest {
    this.#sweep();
    if (this.#requests.size >= maxOpen) throw new AppError('request.rate_limited');
    const now = this.#now();
    const request: AgentRequest = {
      ...input,
      id: randomBytes(16).toString('base64url'),
      site,
      createdAt: now,
      expiresAt: now + this.#ttlMs,
      status: 'pending',
      formToken: randomBytes(24).toString('base64url'),
      busy: false,
    };
    this.#requests.set(request.id, request);
    return request;
  }

  /** The request with its status brought up to date (a pending one past its time becomes expired). */
  get(id: string): AgentRequest | undefined {
    const request = this.#requests.get(id);
    if (request && request.status === 'pending' && this.#now() > request.expiresAt)
      request.status = 'expired';
    return request;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, r] of this.#requests) if (now > r.expiresAt + keepAfterEndMs) this.#requests.delete(id);
  }
}
