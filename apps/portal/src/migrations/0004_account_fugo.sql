-- The person's link code (符号) at the portal, from the exchange hub after their first card login. It is
-- the only identifier the portal presents to the hub (permits for わたしの情報, the person's やりとり履歴);
-- it is meaningless to any other agency. Null until the hub has linked the account.
alter table account add column fugo text constraint account_fugo_uq unique;
comment on column account.fugo is 'Link code (符号) of the person at the portal, assigned by the exchange hub; null until linked.';
