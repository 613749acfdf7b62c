// One log line per request, written when it is answered: what was asked (method, URL, client
// address), the answer (status, time) and the correlation id (reqId). Fastify's default writes two,
// one on arrival and one on answer, and at the default level the logger took about a tenth of a
// score read's time (`npx tsx bench/http-reads.ts --profile`).
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';

/** Where a token or a session cookie could be in a logged object (headers, as @fastify/multipart logs them at trace level). */
export const HEADER_REDACT_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'busboyOptions.headers.authorization', 'busboyOptions.headers.cookie'];
/** Every line: the headers, and a national ID or passport under any key of a logged object. */
export const REDACT = { paths: [...HEADER_REDACT_PATHS, '*.nationalId', '*.passport'], censor: '[redacted]' };

/**
 * The answered request's line goes through a child of the app's logger that redacts only the header
 * paths: its fields are the request and reply serializers' (method, URL, address; status) and the
 * time, so no key of a person's data can be in it, and the wildcard paths took about 4 % of a score
 * read. Errors keep the request's own logger, with every path.
 */
const lean = new WeakMap<FastifyBaseLogger, FastifyBaseLogger>();
function leanOf(root: FastifyBaseLogger): FastifyBaseLogger {
  let l = lean.get(root);
  if (!l) {
    l = root.child({}, { redact: { paths: HEADER_REDACT_PATHS, censor: REDACT.censor } });
    lean.set(root, l);
  }
  return l;
}

const INFO_ENABLED = new Set(['info', 'debug', 'trace']);

export class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    // The request's own level decides (a route or plugin may have raised it).
    else if (INFO_ENABLED.has(reply.log.level)) leanOf(request.server.log).info({ reqId: request.id, ...line }, 'request completed');
  }
}
