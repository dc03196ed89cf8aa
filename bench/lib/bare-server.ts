import Fastify from 'fastify';

// The ceiling to compare against: the same framework with nothing on top (no logger, no plugins).
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

await app.listen({ host: '127.0.0.1', port: Number(process.env.BARE_PORT) });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
