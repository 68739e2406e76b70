import type { ServiceClientCredentials, ServiceClientCredentialsFactory } from 'botframework-connector';
import { TeamsChannelError, TeamsChannelErrorCode } from './errors.js';

/** A token is renewed this long before it expires. */
const EARLY_RENEWAL_MS = 5 * 60 * 1000;
const TOKEN_TIMEOUT_MS = 10_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** What `signRequest` receives from botbuilder's HTTP compat layer. */
interface SignableRequest {
  headers: { set(name: string, value: string): void };
}

/**
 * OAuth2 client-credentials against `<loginUrl>/oauth2/v2.0/token` (the Microsoft identity
 * platform's shape), for a custom token endpoint (TEAMS_LOGIN_URL: offline tests, private clouds).
 * botbuilder's own path goes through MSAL, which accepts only Microsoft's https authorities; the
 * production path (no TEAMS_LOGIN_URL) keeps it.
 */
class ClientSecretCredentials implements ServiceClientCredentials {
  private cached: CachedToken | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly appId: string,
    private readonly password: string,
    private readonly tokenUrl: string,
    private readonly scope: string,
  ) {}

  async signRequest<T>(request: T): Promise<T> {
    const token = await this.token();
    (request as unknown as SignableRequest).headers.set('authorization', `Bearer ${token}`);
    return request;
  }

  private token(): Promise<string> {
    if (this.cached && this.cached.expiresAt - EARLY_RENEWAL_MS > Date.now())
      return Promise.resolve(this.cached.value);
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.appId,
      client_secret: this.password,
      scope: this.scope.endsWith('/.default') ? this.scope : `${this.scope}/.default`,
    });
    let response: Response;
    try {
      response = await fetch(this.tokenUrl, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      });
    } catch (err) {
      throw new TeamsChannelError(TeamsChannelErrorCode.TokenUnavailable, 'token endpoint unreachable', {
        cause: err,
      });
    }
    if (!response.ok) {
      throw Object.assign(
        new TeamsChannelError(
          TeamsChannelErrorCode.TokenUnavailable,
          `token endpoint answered ${response.status}`,
        ),
        { statusCode: response.status >= 500 ? response.status : 401 },
      );
    }
    const json = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== 'string') {
      throw new TeamsChannelError(
        TeamsChannelErrorCode.TokenUnavailable,
        'token endpoint returned no access_token',
      );
    }
    const seconds = Number(json.expires_in);
    this.cached = {
      value: json.access_token,
      expiresAt: Date.now() + (Number.isFinite(seconds) ? seconds : 3600) * 1000,
    };
    return json.access_token;
  }
}

/** Credentials factory for a custom token endpoint; one credentials object (token cache) per audience. */
export class ClientSecretCredentialsFactory implements ServiceClientCredentialsFactory {
  private readonly byAudience = new Map<string, ClientSecretCredentials>();

  constructor(private readonly options: { appId: string; password: string; loginUrl: string }) {}

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.options.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return this.options.appId === '';
  }

  async createCredentials(appId: string, audience: string | undefined): Promise<ServiceClientCredentials> {
    if (appId !== this.options.appId) throw new Error('Invalid appId.');
    const scope = audience ?? 'https://api.botframework.com';
    let credentials = this.byAudience.get(scope);
    if (!credentials) {
      const tokenUrl = `${this.options.loginUrl.replace(/\/+$/, '')}/oauth2/v2.0/token`;
      credentials = new ClientSecretCredentials(this.options.appId, this.options.password, tokenUrl, scope);
      this.byAudience.set(scope, credentials);
    }
    return credentials;
  }
}
