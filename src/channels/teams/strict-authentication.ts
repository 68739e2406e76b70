import type { Activity } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationError,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

/** jsonwebtoken's errors: a token that is malformed, badly signed, expired or not yet valid. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** The part of a connector client's HTTP pipeline this module touches (see `withoutSdkRetries`). */
interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { phase: 'Retry' }): unknown } };
}

/**
 * Removes the Azure SDK retry policies (exponential and throttling, up to 3 retries with waits)
 * from a connector client used by the outbox: a 429 or 5xx must come back at once, with its
 * Retry-After, so that the outbox schedules the retry instead of holding a delivery for seconds.
 * The pipeline is a private field of botbuilder's HTTP compat layer, hence the narrow cast.
 */
function withoutSdkRetries(connector: ConnectorClient): ConnectorClient {
  (connector as unknown as PipelineHolder).client?.pipeline?.removePolicy({ phase: 'Retry' });
  return connector;
}

class OutboxConnectorFactory extends ConnectorFactory {
  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return withoutSdkRetries(await this.inner.create(serviceUrl, audience));
  }
}

/**
 * botbuilder's authentication, with two adjustments:
 * - a token whose signature does not verify (signed by another key under a known key id), that
 *   expired or is malformed makes jsonwebtoken throw its own error, which CloudAdapter turns into a
 *   500; it is re-thrown as an AuthenticationError so the caller gets a 401 like any other refusal;
 * - proactive sends (outbox deliveries) use connector clients without the SDK's inner retries.
 */
export class StrictAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new OutboxConnectorFactory(this.inner.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    try {
      return await this.inner.authenticateChannelRequest(authHeader);
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }
}

function asAuthenticationError(err: unknown): unknown {
  if (err instanceof AuthenticationError) return err;
  if (err instanceof Error && TOKEN_ERRORS.has(err.name)) {
    return new AuthenticationError(`Unauthorized: ${err.message}`, 401);
  }
  return err;
}
