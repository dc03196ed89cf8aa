/** Issuing 控除証明書 into a mailbox, and listing them for the portal. */
import { randomUUID } from 'node:crypto';
import { issueDeduction } from '@madoguchi/deduction';
import { AppError } from '@madoguchi/errors';
import type { IssuerKeys } from './issuers.ts';
import { companyById } from './issuers.ts';
import { type CertificateRow, rowAs, rowsAs, type Store, type UserRow } from './store.ts';

export interface IssueInput {
  companyId: string;
  recipientLogin: string;
  year: number;
  amount: number;
  /** Defaults to today (JST). */
  certifiedOn?: string;
}

const todayJst = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

export function issueCertificate(store: Store, keys: IssuerKeys, input: IssueInput): CertificateRow {
  const company = companyById(input.companyId);
  const key = keys.companies.get(input.companyId);
  if (!company || !key) throw new AppError('resource.not_found');
  const user = rowAs<UserRow>(store.prepare('select * from users where login = ?').get(input.recipientLogin));
  if (!user) throw new AppError('request.invalid', { details: { field: 'recipient' } });
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw new AppError('request.invalid', { details: { field: 'year' } });
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > 1_000_000_000)
    throw new AppError('request.invalid', { details: { field: 'amount' } });
  const certifiedOn = input.certifiedOn ?? todayJst();
  const issuer = { name: company.name, houjinBangou: company.houjinBangou };
  const xml =
    company.kind === 'life_insurance'
      ? issueDeduction(
          {
            kind: 'life_insurance',
            issuer,
            recipientName: user.name,
            certifiedOn,
            year: input.year,
            policyNumber: `DEMO-${user.login.toUpperCase()}-${input.year}`,
            insuranceType: '終身保険',
            insuredName: user.name,
            category: 'general',
            premium: input.amount,
          },
          key,
        )
      : issueDeduction(
          {
            kind: 'donation',
            issuer,
            recipientName: user.name,
            certifiedOn,
            donatedOn: `${input.year}-11-03`,
            amount: input.amount,
          },
          key,
        );
  const row: CertificateRow = {
    id: randomUUID(),
    mailbox_id: user.mailbox_id,
    company_id: company.id,
    kind: company.kind,
    form: company.kind === 'life_insurance' ? 'TEG800' : 'TEG822',
    year: input.year,
    amount: input.amount,
    xml,
    issued_at: new Date().toISOString(),
  };
  store
    .prepare(
      'insert into certificates (id, mailbox_id, company_id, kind, form, year, amount, xml, issued_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      row.id,
      row.mailbox_id,
      row.company_id,
      row.kind,
      row.form,
      row.year,
      row.amount,
      row.xml,
      row.issued_at,
    );
  return row;
}

export function certificatesOf(store: Store, mailboxId: string): CertificateRow[] {
  return rowsAs<CertificateRow>(
    store.prepare('select * from certificates where mailbox_id = ? order by issued_at, id').all(mailboxId),
  );
}

export function certificateView(c: CertificateRow) {
  const company = companyById(c.company_id);
  return {
    id: c.id,
    kind: c.kind,
    form: c.form,
    year: c.year,
    amount: c.amount,
    issuer: { name: company?.name ?? '', houjinBangou: company?.houjinBangou ?? '' },
    issuedAt: c.issued_at,
    xml: c.xml,
  };
}
