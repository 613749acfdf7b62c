// A real OpenID Connect provider (oidc-provider) standing in for the national digital ID in
// development, tests and the demo. Like ThaID it issues ID tokens carrying the 13-digit national ID
// in a `pid` claim; it requires PKCE and a client secret. Accounts live in memory: it is a stand-in,
// not an identity store.
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import { isValidThaiNationalId, normaliseThaiNationalId } from '../core/ids.js';
import { loginPage, type DevPerson } from './login-page.js';
import { devMemoryAdapter } from './memory-adapter.js';

export interface DevProviderOptions {
  /** Where the provider listens; its issuer is http://host:port. */
  host: string;
  port: number;
  client: { clientId: string; clientSecret: string; redirectUris: string[] };
  people: readonly DevPerson[];
}

export interface DevProvider {
  issuer: string;
  close(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startDevProvider(opts: DevProviderOptions): Promise<DevProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const issuer = `http://${opts.host}:${port}`;

  // The subject is a pairwise-style opaque id; the national ID travels only in the `pid` claim.
  const subKey = randomBytes(32);
  const accounts = new Map<string, { pid: string; name: string }>();
  const subjectOf = (pid: string) => createHmac('sha256', subKey).update(pid).digest('base64url').slice(0, 24);

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    adapter: devMemoryAdapter(),
    clients: [
      {
        client_id: opts.client.clientId,
        client_secret: opts.client.clientSecret,
        redirect_uris: opts.client.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'dev-1', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], pid: ['pid'], name: ['name'] },
    scopes: ['openid', 'pid', 'name'],
    // ThaID puts the claims of the granted scopes in the ID token itself.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const a = accounts.get(sub);
      if (!a) return undefined;
      return { accountId: sub, claims: async () => ({ sub, pid: a.pid, name: a.name }) };
    },
    // First-party client: the person is not asked to consent to sharing with the platform itself.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid pid name');
      await grant.save();
      return grant;
    },
    ttl: { Session: 600, Interaction: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 300, IdToken: 300 },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'GET' && !action) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(loginPage({ uid, people: opts.people }));
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const pid = normaliseThaiNationalId(form.get('pid') ?? '');
      const name = (form.get('name') ?? '').trim().slice(0, 200);
      if (!isValidThaiNationalId(pid) || !name) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(loginPage({ uid, people: opts.people, error: 'เลขประจำตัวประชาชนหรือชื่อไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง' }));
        return;
      }
      const sub = subjectOf(pid);
      accounts.set(sub, { pid, name });
      await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(405).end();
  }

  server.on('request', (req, res) => {
    const m = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (!m) {
      callback(req, res);
      return;
    }
    interaction(req, res, m[1]!, m[2]).catch(() => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('การเข้าสู่ระบบหมดเวลาหรือไม่ถูกต้อง กรุณาเริ่มใหม่ / The sign-in expired or is invalid; start again.');
    });
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
