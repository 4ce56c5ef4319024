// The raw baseline for B9: a Fastify process with one route, started with plain node like Forecourt.
import Fastify from 'fastify';

const app = Fastify();
app.get('/api/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
console.log(`running at http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGINT', () => app.close().then(() => process.exit(0)));
