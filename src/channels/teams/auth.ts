import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import { AuthenticationConstants, type BotFrameworkAuthentication } from 'botframework-connector';
import type { Config } from '../../config.js';
import { ClientSecretCredentialsFactory } from './client-credentials.js';
import { TeamsChannelError, TeamsChannelErrorCode } from './errors.js';
import { StrictAuthentication } from './strict-authentication.js';

/** The configuration values the Teams channel reads (all validated by src/config.ts). */
export type TeamsConfig = Pick<
  Config,
  | 'NODE_ENV'
  | 'HOST'
  | 'hostIsLoopback'
  | 'MicrosoftAppId'
  | 'MicrosoftAppPassword'
  | 'MicrosoftAppType'
  | 'MicrosoftAppTenantId'
  | 'TEAMS_ALLOWED_TENANTS'
  | 'TEAMS_OPENID_METADATA_URL'
  | 'TEAMS_LOGIN_URL'
  | 'TEAMS_VALIDATE_AUTHORITY'
  | 'MAX_BODY_BYTES'
  | 'RETENTION_DAYS'
>;

/**
 * - `authenticated`: an app id is configured; every activity must carry a valid Bot Framework token.
 * - `development`: no app id, HOST is loopback; the Bot Framework's unauthenticated mode (Emulator).
 */
export type TeamsAuthMode = 'authenticated' | 'development';

export interface TeamsStartup {
  mode: TeamsAuthMode;
  /** Tenants whose activities are served; null: any tenant (development, or MultiTenant without a list). */
  allowedTenants: ReadonlySet<string> | null;
}

/**
 * Checks, before anything listens, that the Teams channel may start with this configuration. The
 * composition root calls it (or lets `createTeamsChannel` throw). Throws TeamsChannelError:
 * - `teams_unauthenticated_not_loopback` without MicrosoftAppId when HOST is not loopback;
 * - `teams_invalid_options` for an unusable TEAMS_* override: not an http(s) URL, plain http while
 *   authority validation is on, TEAMS_VALIDATE_AUTHORITY=false in production, or a custom token
 *   endpoint with a managed identity.
 */
export function checkTeamsStartup(config: TeamsConfig): TeamsStartup {
  if (!config.MicrosoftAppId && !config.hostIsLoopback) {
    throw new TeamsChannelError(
      TeamsChannelErrorCode.UnauthenticatedNotLoopback,
      `MicrosoftAppId: required to serve Teams on HOST=${config.HOST}. Without an app id the Bot Framework ` +
        'runs unauthenticated (anyone could post activities), which Relais allows only on a loopback HOST ' +
        '(127.0.0.1, ::1, localhost) for the Bot Framework Emulator.',
    );
  }
  if (!config.TEAMS_VALIDATE_AUTHORITY && config.NODE_ENV === 'production') {
    throw new TeamsChannelError(
      TeamsChannelErrorCode.InvalidOptions,
      'TEAMS_VALIDATE_AUTHORITY: false is for offline tests only and is refused when NODE_ENV=production',
    );
  }
  for (const [name, value] of [
    ['TEAMS_OPENID_METADATA_URL', config.TEAMS_OPENID_METADATA_URL],
    ['TEAMS_LOGIN_URL', config.TEAMS_LOGIN_URL],
  ] as const) {
    if (value === undefined) continue;
    if (!/^https?:\/\/\S+$/.test(value)) {
      throw new TeamsChannelError(TeamsChannelErrorCode.InvalidOptions, `${name}: must be an http(s) URL`);
    }
    if (value.startsWith('http:') && config.TEAMS_VALIDATE_AUTHORITY) {
      throw new TeamsChannelError(
        TeamsChannelErrorCode.InvalidOptions,
        `${name}: a plain http URL is accepted only with TEAMS_VALIDATE_AUTHORITY=false (offline tests)`,
      );
    }
  }
  if (config.TEAMS_LOGIN_URL && config.MicrosoftAppType === 'UserAssignedMSI') {
    throw new TeamsChannelError(
      TeamsChannelErrorCode.InvalidOptions,
      'TEAMS_LOGIN_URL: a custom token endpoint needs a client secret; it cannot be used with UserAssignedMSI',
    );
  }
  return {
    mode: config.MicrosoftAppId ? 'authenticated' : 'development',
    allowedTenants: allowedTenantsOf(config),
  };
}

/**
 * TEAMS_ALLOWED_TENANTS (comma or space separated). Unset: the bot's own tenant for a SingleTenant
 * or managed-identity bot, any tenant for MultiTenant and in development mode.
 */
export function allowedTenantsOf(config: TeamsConfig): ReadonlySet<string> | null {
  const listed = (config.TEAMS_ALLOWED_TENANTS ?? '')
    .split(/[\s,]+/)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  if (listed.length > 0) return new Set(listed);
  if (config.MicrosoftAppId && config.MicrosoftAppType !== 'MultiTenant' && config.MicrosoftAppTenantId) {
    return new Set([config.MicrosoftAppTenantId.toLowerCase()]);
  }
  return null;
}

/**
 * The Bot Framework authentication of Relais, built from validated configuration (never from
 * `process.env`): botbuilder's JWT validation of inbound activities against the channel's OpenID
 * metadata, and the credentials of outbound calls to the connector.
 *
 * Every parameter is given explicitly (botbuilder's factory requires all of them as soon as one is
 * overridden): the public cloud's values, except TEAMS_OPENID_METADATA_URL and TEAMS_LOGIN_URL
 * when set. A custom token endpoint gets a plain OAuth2 client-credentials client
 * (client-credentials.ts), since MSAL accepts only Microsoft's https authorities.
 */
export function createBotAuthentication(config: TeamsConfig): BotFrameworkAuthentication {
  const appId = config.MicrosoftAppId ?? '';
  const credentials =
    appId === ''
      ? // Development mode: no app id disables authentication both ways (Bot Framework Emulator).
        new ConfigurationServiceClientCredentialFactory({ MicrosoftAppType: 'MultiTenant' })
      : config.TEAMS_LOGIN_URL
        ? new ClientSecretCredentialsFactory({
            appId,
            password: config.MicrosoftAppPassword ?? '',
            loginUrl: config.TEAMS_LOGIN_URL,
          })
        : new ConfigurationServiceClientCredentialFactory({
            MicrosoftAppId: appId,
            ...(config.MicrosoftAppPassword ? { MicrosoftAppPassword: config.MicrosoftAppPassword } : {}),
            MicrosoftAppType: config.MicrosoftAppType,
            ...(config.MicrosoftAppTenantId ? { MicrosoftAppTenantId: config.MicrosoftAppTenantId } : {}),
          });
  const inner = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: appId,
      ...(config.MicrosoftAppTenantId ? { MicrosoftAppTenantId: config.MicrosoftAppTenantId } : {}),
      ValidateAuthority: config.TEAMS_VALIDATE_AUTHORITY,
      ToChannelFromBotLoginUrl: config.TEAMS_LOGIN_URL ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl:
        config.TEAMS_OPENID_METADATA_URL ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    },
    credentials,
  );
  return new StrictAuthentication(inner);
}
