// The platform's JOSE signing key (Ed25519) for vouchers, eligibility tokens and certificates.
// Generated into the data directory on first start; its public half is published as a JWKS so
// partners and employers can verify offline.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKeyFileOnce } from './key-files.js';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  createLocalJWKSet,
  errors,
  type JWK,
  type JWTPayload,
  type JWTVerifyResult,
} from 'jose';

export interface JwtSigner {
  readonly kid: string;
  readonly issuer: string;
  sign(payload: JWTPayload, opts: { typ: string; audience?: string; subject?: string; jti?: string; expiresInSeconds?: number; now: Date }): Promise<string>;
  verify(token: string, opts: { typ?: string; audience?: string; now: Date }): Promise<JWTVerifyResult>;
  jwks(): { keys: JWK[] };
}

async function createKeyFile(file: string): Promise<void> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  // Of processes starting together on a shared data directory, one key wins and all read it.
  createKeyFileOnce(file, () => JSON.stringify(jwk));
}

export async function loadOrCreateJwtSigner(dataDir: string, issuer: string): Promise<JwtSigner> {
  const file = join(dataDir, 'jwt-signing-key.json');
  if (!existsSync(file)) await createKeyFile(file);
  const privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || !privateJwk.d) throw new Error(`${file} is not an Ed25519 private JWK`);
  const { d: _d, ...publicJwk } = privateJwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  const published: JWK = { ...publicJwk, kid, alg: 'EdDSA', use: 'sig' };
  const privateKey = await importJWK(privateJwk, 'EdDSA');
  const keySet = createLocalJWKSet({ keys: [published] });
  return {
    kid,
    issuer,
    async sign(payload, o) {
      let jwt = new SignJWT(payload)
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: o.typ })
        .setIssuer(issuer)
        .setIssuedAt(Math.floor(o.now.getTime() / 1000));
      if (o.audience) jwt = jwt.setAudience(o.audience);
      if (o.subject) jwt = jwt.setSubject(o.subject);
      if (o.jti) jwt = jwt.setJti(o.jti);
      if (o.expiresInSeconds) jwt = jwt.setExpirationTime(Math.floor(o.now.getTime() / 1000) + o.expiresInSeconds);
      return jwt.sign(privateKey);
    },
    verify(token, o) {
      return jwtVerify(token, keySet, {
        issuer,
        algorithms: ['EdDSA'],
        currentDate: o.now,
        ...(o.typ ? { typ: o.typ } : {}),
        ...(o.audience ? { audience: o.audience } : {}),
      });
    },
    jwks: () => ({ keys: [published] }),
  };
}

/**
 * The claims of a token `verify` refused only because it has expired, else undefined. jose checks the
 * signature first and `exp` last (after typ, issuer and audience), so these claims are genuine: a
 * counter can still say which voucher an old QR names, or that a token expired rather than is forged.
 */
export function expiredClaims(err: unknown): JWTPayload | undefined {
  return err instanceof errors.JWTExpired ? err.payload : undefined;
}
