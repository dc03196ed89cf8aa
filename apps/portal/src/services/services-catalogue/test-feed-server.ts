import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceDefinition } from '@madoguchi/catalogue';
import type { FeedItem } from './catalogue-store.ts';

/**
 * For tests: a real HTTP server that serves the catalogue feed exactly as the contract states it
 * (the agency's own implementation is tested on its side; the integrator adds a test across both).
 * Pages are capped at `pageCap` items whatever `limit` asks, so followers must page.
 */
export interface TestFeedServer {
  url: string;
  publish(def: ServiceDefinition): number;
  withdraw(municipality: string, id: string): number;
  /** Serve this raw item next (a definition the portal must refuse). */
  publishRaw(item: Omit<FeedItem, 'version'>): number;
  /** Query strings of the list requests received, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startTestFeedServer(pageCap = 7): Promise<TestFeedServer> {
  let sequence = 0;
  const latest = new Map<string, FeedItem>();
  const requests: string[] = [];
  const put = (item: Omit<FeedItem, 'version'>) => {
    sequence++;
    latest.set(`${item.municipality}/${item.id}`, { ...item, version: sequence });
    return sequence;
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://feed');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/public/catalogue/services') {
      requests.push(url.search);
      const after = Number(url.searchParams.get('after') ?? '0');
      const limit = Math.min(Number(url.searchParams.get('limit') ?? '500'), pageCap);
      const items = [...latest.values()]
        .filter((i) => i.version > after)
        .sort((a, b) => a.version - b.version)
        .slice(0, limit);
      send(200, { items, next: items.at(-1)?.version ?? after });
      return;
    }
    const one = /^\/api\/public\/catalogue\/services\/([0-9]{6})\/([a-z0-9-]+)$/.exec(url.pathname);
    const found = one ? latest.get(`${one[1]}/${one[2]}`) : undefined;
    if (found?.definition) send(200, found.definition);
    else send(404, { error: { code: 'resource.not_found', message: 'not found', requestId: 'test' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    publish: (def) => put({ municipality: def.municipality, id: def.id, deleted: false, definition: def }),
    withdraw: (municipality, id) => put({ municipality, id, deleted: true, definition: null }),
    publishRaw: put,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
