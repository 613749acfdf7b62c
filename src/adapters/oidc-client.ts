// The platform as an OpenID Connect relying party (authorization code + PKCE, state, nonce) of the
// national digital ID (ThaID-style) or, in development, the local provider. openid-client does the
// protocol; this adapter only remembers the configuration and discovers the provider lazily, so a
// provider that is down at start-up does not stop the platform.
import * as oidc from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scope: string;
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcClient {
  start(opts?: { prompt?: string }): Promise<AuthorizationRequest>;
  /** Exchanges the code in `callbackUrl` and returns the verified ID-token claims. */
  finish(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<Record<string, unknown>>;
}

/** Plain HTTP is accepted only for a provider on this machine (the local development provider). */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

export function createOidcClient(settings: OidcSettings): OidcClient {
  let config: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    if (!config) {
      const insecure = new URL(settings.issuer).protocol === 'http:' && isLoopbackUrl(settings.issuer);
      config = oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      });
      // A failed discovery is retried at the next sign-in instead of being remembered.
      config.catch(() => {
        config = undefined;
      });
    }
    return config;
  };

  return {
    async start(opts = {}) {
      const c = await configuration();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const params: Record<string, string> = {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      };
      if (opts.prompt) params.prompt = opts.prompt;
      return { url: oidc.buildAuthorizationUrl(c, params).href, state, nonce, codeVerifier };
    },

    async finish(callbackUrl, expected) {
      const c = await configuration();
      const tokens = await oidc.authorizationCodeGrant(c, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the provider returned no ID token');
      return { ...claims };
    },
  };
}
