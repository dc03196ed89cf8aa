/**
 * A tiny intermediate server for hub tests: real HTTP, and it checks the hub's signature with the key
 * the hub publishes, then answers facts-check and resident-fugo per docs/exchange.md for the residents
 * a test gives it. (The real one is apps/agency.)
 */
import { createServer, type Server } from 'node:http';
import { NonceCache, publicKeyFromB64, verifySignedRequest } from '@madoguchi/exchange';

export interface FakeResident {
  fugo: string;
  residentId: string;
  birthDate: string;
  kanaName: string;
}

export interface FakeMunicipalities {
  url: string;
  endpointOf(code: string): string;
  add(code: string, r: FakeResident): void;
  /** Requests received, for assertions: path and the verified signer. */
  calls: { path: string; agency: string }[];
  /** When set, every request gets this status (an outage). */
  failWith: number | undefined;
  close(): Promise<void>;
}

/** Compared as the contract says: NFKC, no spaces, katakana folded to hiragana. */
export function foldKana(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

export async function startFakeMunicipalities(hubUrl: string): Promise<FakeMunicipalities> {
  const { publicKey } = (await (await fetch(`${hubUrl}/api/network/key`)).json()) as { publicKey: string };
  const hubKey = publicKeyFromB64(publicKey);
  const nonces = new NonceCache();
  const residents = new Map<string, FakeResident[]>();
  const calls: { path: string; agency: string }[] = [];
  const state = { failWith: undefined as number | undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (state.failWith !== undefined) return send(state.failWith, { error: { code: 'internal.error' } });
      const raw = Buffer.concat(chunks);
      const check = verifySignedRequest({
        headers: req.headers,
        method: req.method ?? 'GET',
        path: req.url ?? '',
        body: raw,
        keyOf: (a) => (a === 'hub' ? hubKey : undefined),
        nonces,
      });
      if (!check.ok) return send(401, { error: { code: 'exchange.signature_invalid' } });
      const m = /^\/api\/intermediate\/([a-z0-9-]+)\/(facts-check|resident-fugo)$/.exec(req.url ?? '');
      if (!m) return send(404, { error: { code: 'route.not_found' } });
      calls.push({ path: req.url ?? '', agency: check.agency });
      const list = residents.get(m[1] as string) ?? [];
      const body = JSON.parse(raw.toString('utf8'));
      if (m[2] === 'resident-fugo') {
        const r = list.find((x) => x.residentId === body.residentId);
        return r ? send(200, { fugo: r.fugo }) : send(404, { error: { code: 'fugo.unknown' } });
      }
      const items = (body.items as { ref: string; fugo: string; birthDate: string; kanaName: string }[]).map(
        (it) => {
          const r = list.find((x) => x.fugo === it.fugo);
          const verdict = (ok: boolean | undefined) => (ok ? 'match' : 'mismatch');
          return {
            ref: it.ref,
            birthDate: verdict(r && r.birthDate === it.birthDate),
            kanaName: verdict(r && foldKana(r.kanaName) === foldKana(it.kanaName)),
          };
        },
      );
      return send(200, { items });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    calls,
    get failWith() {
      return state.failWith;
    },
    set failWith(v) {
      state.failWith = v;
    },
    endpointOf: (code) => `${url}/api/intermediate/${code}`,
    add(code, r) {
      residents.set(code, [...(residents.get(code) ?? []), r]);
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
