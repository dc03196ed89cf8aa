/** e-delivery's own storage: one SQLite file (node:sqlite), durable across restarts. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const schema = `
create table if not exists users (
  id text primary key, login text not null unique, name text not null, password_hash text not null,
  mailbox_id text not null unique, company_id text
);
create table if not exists sessions (
  id_hash text primary key, user_id text not null references users(id), csrf text not null, expires_at integer not null
);
create table if not exists auth_requests (
  id text primary key, client_id text not null, redirect_uri text not null, state text not null,
  code_challenge text not null, scope text not null, expires_at integer not null
);
create table if not exists codes (
  code_hash text primary key, user_id text not null, client_id text not null, redirect_uri text not null,
  code_challenge text not null, scope text not null, expires_at integer not null, used integer not null default 0
);
create table if not exists tokens (
  token_hash text primary key, user_id text not null, client_id text not null, scope text not null,
  code_hash text not null, expires_at integer not null
);
create table if not exists messages (
  id text primary key, mailbox_id text not null, delivery_id text not null unique, kind text not null,
  title text not null, body text not null, sender text not null, sent_at text, received_at text not null,
  payload text not null
);
create index if not exists messages_mailbox_ix on messages (mailbox_id, received_at);
create table if not exists certificates (
  id text primary key, mailbox_id text not null, company_id text not null, kind text not null, form text not null,
  year integer not null, amount integer not null, xml text not null, issued_at text not null
);
create index if not exists certificates_mailbox_ix on certificates (mailbox_id, issued_at);
`;

export type Store = DatabaseSync;

export function openStore(dir: string): Store {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(join(dir, 'e-delivery.sqlite'));
  db.exec('pragma journal_mode = wal; pragma foreign_keys = on; pragma busy_timeout = 5000;');
  db.exec(schema);
  return db;
}

export interface UserRow {
  id: string;
  login: string;
  name: string;
  password_hash: string;
  mailbox_id: string;
  company_id: string | null;
}

export interface MessageRow {
  id: string;
  mailbox_id: string;
  delivery_id: string;
  kind: string;
  title: string;
  body: string;
  sender: string;
  sent_at: string | null;
  received_at: string;
}

export interface CertificateRow {
  id: string;
  mailbox_id: string;
  company_id: string;
  kind: string;
  form: string;
  year: number;
  amount: number;
  xml: string;
  issued_at: string;
}

/** node:sqlite rows are plain objects of unknown shape; the schema above is their contract. */
export function rowAs<T>(row: unknown): T | undefined {
  return (row ?? undefined) as T | undefined;
}
export function rowsAs<T>(rows: unknown[]): T[] {
  return rows as T[];
}
