import type { CaName } from '../data/schema.ts';

/** The hierarchy of docs/jpki.md, parents before children. */
export const caOrder: readonly CaName[] = ['root', 'sign', 'auth', 'ocsp-sign', 'ocsp-auth'];

const base = 'C=JP, O=madoguchi, OU=JPKI';

export const caSubjects: Record<CaName, string> = {
  root: `${base}, CN=madoguchi JPKI Root CA`,
  sign: `${base}, CN=madoguchi JPKI Signature CA`,
  auth: `${base}, CN=madoguchi JPKI Authentication CA`,
  'ocsp-sign': `${base}, CN=madoguchi JPKI Signature CA OCSP Responder`,
  'ocsp-auth': `${base}, CN=madoguchi JPKI Authentication CA OCSP Responder`,
};

export const caParent: Record<CaName, CaName | undefined> = {
  root: undefined,
  sign: 'root',
  auth: 'root',
  'ocsp-sign': 'sign',
  'ocsp-auth': 'auth',
};

/** Validity in years: root 20, issuing CAs 10, OCSP signers 1. */
export const caYears: Record<CaName, number> = {
  root: 20,
  sign: 10,
  auth: 10,
  'ocsp-sign': 1,
  'ocsp-auth': 1,
};

export const rootSubject = caSubjects.root;
