/** Demo users (development only) and a first mailbox content, written once. */
import { randomUUID } from 'node:crypto';
import { issueCertificate } from './certificates.ts';
import type { IssuerKeys } from './issuers.ts';
import { hashPassword } from './passwords.ts';
import { rowAs, type Store } from './store.ts';

/** Logins and passwords are printed by `npm start`; they exist only in development data. */
export const demoUsers = [
  { login: 'hanako', name: 'デジタル 花子', password: 'hanako-demo-pass', companyId: null },
  { login: 'taro', name: '窓口 太郎', password: 'taro-demo-pass', companyId: null },
  { login: 'life', name: 'まどぐち生命 担当者', password: 'life-demo-pass', companyId: 'madoguchi-life' },
  { login: 'city', name: '千代田区 ふるさと納税担当', password: 'city-demo-pass', companyId: 'chiyoda' },
] as const;

export function seedDemoData(store: Store, keys: IssuerKeys, log: (m: string) => void): boolean {
  if (rowAs(store.prepare('select 1 as x from users limit 1').get())) return false;
  const insert = store.prepare(
    'insert into users (id, login, name, password_hash, mailbox_id, company_id) values (?, ?, ?, ?, ?, ?)',
  );
  for (const u of demoUsers)
    insert.run(randomUUID(), u.login, u.name, hashPassword(u.password), randomUUID(), u.companyId);
  const lastYear = new Date().getFullYear() - 1;
  issueCertificate(store, keys, {
    companyId: 'madoguchi-life',
    recipientLogin: 'hanako',
    year: lastYear,
    amount: 96_000,
  });
  issueCertificate(store, keys, {
    companyId: 'chiyoda',
    recipientLogin: 'hanako',
    year: lastYear,
    amount: 30_000,
  });
  log(`e-delivery: seeded ${demoUsers.length} demo users and 2 certificates for hanako`);
  return true;
}
