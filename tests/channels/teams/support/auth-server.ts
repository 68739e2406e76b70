import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer of Bot Framework channel tokens (what botbuilder checks). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

export function newSigningKey(kid = randomUUID()): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey };
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** An RS256 JWT, as the Bot Framework channel signs the tokens it sends to bots. */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key.privateKey);
  return `${header}.${payload}.${b64url(signature)}`;
}

/** The claims of a channel token for `appId`, valid for an activity from `serviceUrl`. */
export function channelClaims(appId: string, serviceUrl: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: CHANNEL_ISSUER,
    aud: appId,
    serviceurl: serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
  };
}

/**
 * A local stand-in for Microsoft's identity endpoints: the Bot Framework OpenID metadata and its
 * JWKS (botbuilder fetches them to verify inbound tokens; keys endorsed for `msteams`), and an
 * OAuth2 token endpoint for the bot's outgoing calls (`<url>/<tenant>/oauth2/v2.0/token`).
 */
export class FakeIdentityServer {
  readonly key = newSigningKey();
  readonly tokenRequests: URLSearchParams[] = [];
  readonly accessToken = `bot-token-${randomUUID()}`;
  private server: Server | undefined;
  baseUrl = '';

  get openIdMetadataUrl(): string {
    return `${this.baseUrl}/v1/.well-known/openidconfiguration`;
  }

  loginUrl(tenant: string): string {
    return `${this.baseUrl}/${tenant}`;
  }

  async start(): Promise<void> {
    const jwk = createPublicKey(this.key.privateKey).export({ format: 'jwk' });
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = req.url ?? '/';
      if (url === '/v1/.well-known/openidconfiguration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            issuer: CHANNEL_ISSUER,
            authorization_endpoint: `${this.baseUrl}/authorize`,
            jwks_uri: `${this.baseUrl}/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
            token_endpoint_auth_methods_supported: ['private_key_jwt'],
          }),
        );
      } else if (url === '/keys') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            keys: [
              { kty: 'RSA', use: 'sig', kid: this.key.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] },
            ],
          }),
        );
      } else if (req.method === 'POST' && url.endsWith('/oauth2/v2.0/token')) {
        this.tokenRequests.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: this.accessToken }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
