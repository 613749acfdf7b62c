// The baseline of the HTTP sections: a hello-world route of the same Fastify the platform runs,
// with the same logger settings as `khwamdee serve` (pino at LOG_LEVEL, default info: one line per
// request when it is answered, src/http/request-log.ts; the authorization header redacted). It answers the score
// path so the load generator sends the very same requests to both. `PORT=… npx tsx bench/http-server-child.ts`
import Fastify from 'fastify';
import { OneLineRequestLog } from '../src/http/request-log.js';

const app = Fastify({
  logger: { level: process.env.LOG_LEVEL ?? 'info', redact: { paths: ['req.headers.authorization'], censor: '[redacted]' } },
  logController: new OneLineRequestLog(),
});
app.get('/api/v1/accounts/:id/score', async () => ({ hello: 'world' }));
app.get('/hello', async () => ({ hello: 'world' }));

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`hello world listening at ${address}`);
const stop = () => {
  void app.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
