// One log line per request, written when it is answered: what was asked (method, URL, client
// address), the answer (status, time) and the correlation id (reqId). Fastify's default writes two,
// one on arrival and one on answer, and at the default level the logger took about a tenth of a
// score read's time (`npx tsx bench/http-reads.ts --profile`).
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
