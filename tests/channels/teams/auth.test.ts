import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTeamsStartup, TeamsChannelErrorCode } from '../../../src/channels/teams/index.js';
import { loadConfig } from '../../../src/config.js';
import { personalMessage, TEAMS } from './support/activities.js';
import { CHANNEL_ISSUER, channelClaims, newSigningKey } from './support/auth-server.js';
import { useTeamsPlatform } from './support/platform.js';
import { type Harness, startHarness } from './support/harness.js';

const QUESTION = "Combien de jours d'arrêt je peux mettre en téléconsultation ?";

describe('Teams: with an app id, only activities signed by the Bot Framework are served', () => {
  const { connector, identity } = useTeamsPlatform();
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ connector, identity });
  });
  afterAll(async () => {
    await harness.stop();
  });

  const refused = async (token: Parameters<Harness['post']>[1]) => {
    const before = connector.calls.length;
    const response = await harness.post(personalMessage(connector.serviceUrl, QUESTION), token);
    expect(connector.calls.length).toBe(before);
    return response.status;
  };

  it('refuses an activity without a token (401) and answers nothing', async () => {
    expect(await refused('none')).toBe(401);
  });

  it('refuses a token signed by another key under the published key id (401)', async () => {
    const forged = { kid: identity.key.kid, privateKey: newSigningKey().privateKey };
    expect(await refused({ key: forged })).toBe(401);
  });

  it('refuses a token signed by an unknown key (401)', async () => {
    expect(await refused({ key: newSigningKey() })).toBe(401);
  });

  it('refuses a token issued for another bot, or for another service URL (401)', async () => {
    expect(await refused({ claims: channelClaims('another-app-id', connector.serviceUrl) })).toBe(401);
    expect(
      await refused({ claims: channelClaims(TEAMS.appId, 'https://smba.trafficmanager.net/emea/') }),
    ).toBe(401);
  });

  it('refuses an expired token (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: CHANNEL_ISSUER,
      aud: TEAMS.appId,
      serviceurl: connector.serviceUrl,
      nbf: now - 7200,
      exp: now - 3600,
    };
    expect(await refused({ claims })).toBe(401);
  });

  it('serves the same activity with a valid token', async () => {
    const response = await harness.post(personalMessage(connector.serviceUrl, QUESTION));
    expect(response.status).toBe(200);
    expect(connector.sent().length).toBeGreaterThan(0);
  });
});

describe('Teams: without an app id', () => {
  const { connector, identity } = useTeamsPlatform();

  it('runs unauthenticated on a loopback HOST, and says so loudly', async () => {
    const harness = await startHarness({ connector, identity, unauthenticated: true });
    try {
      expect(harness.teams.mode).toBe('development');
      expect(harness.logs.join('\n')).toMatch(/UNAUTHENTICATED development mode/);
      const response = await harness.post(personalMessage(connector.serviceUrl, QUESTION), 'none');
      expect(response.status).toBe(200);
      const [reply] = connector.sent();
      expect(reply?.authorization).toBeUndefined();
    } finally {
      await harness.stop();
    }
  });

  it('refuses to start when HOST is not a loopback address', () => {
    const config = loadConfig({ HOST: '0.0.0.0' });
    expect(() => checkTeamsStartup(config)).toThrow(
      expect.objectContaining({ code: TeamsChannelErrorCode.UnauthenticatedNotLoopback }),
    );
    expect(() => checkTeamsStartup(config)).toThrow(/MicrosoftAppId/);
  });
});

describe('Teams: start-up checks of the TEAMS_* overrides', () => {
  const base = {
    HOST: '0.0.0.0',
    MicrosoftAppId: TEAMS.appId,
    MicrosoftAppPassword: 'x',
    MicrosoftAppTenantId: TEAMS.tenant,
  };

  it('accepts a SingleTenant bot and serves only its own tenant by default', () => {
    const startup = checkTeamsStartup(loadConfig(base));
    expect(startup.mode).toBe('authenticated');
    expect([...(startup.allowedTenants ?? [])]).toEqual([TEAMS.tenant]);
  });

  it('takes TEAMS_ALLOWED_TENANTS as the allow-list', () => {
    const startup = checkTeamsStartup(
      loadConfig({ ...base, TEAMS_ALLOWED_TENANTS: `${TEAMS.tenant}, ${TEAMS.otherTenant.toUpperCase()}` }),
    );
    expect([...(startup.allowedTenants ?? [])].sort()).toEqual([TEAMS.tenant, TEAMS.otherTenant].sort());
  });

  it('refuses authority validation off in production, and plain http while it is on', () => {
    expect(() =>
      checkTeamsStartup(loadConfig({ ...base, NODE_ENV: 'production', TEAMS_VALIDATE_AUTHORITY: 'false' })),
    ).toThrow(/TEAMS_VALIDATE_AUTHORITY/);
    expect(() =>
      checkTeamsStartup(loadConfig({ ...base, TEAMS_LOGIN_URL: 'http://127.0.0.1:9/tenant' })),
    ).toThrow(/TEAMS_LOGIN_URL/);
    expect(() => checkTeamsStartup(loadConfig({ ...base, TEAMS_OPENID_METADATA_URL: 'not a url' }))).toThrow(
      /TEAMS_OPENID_METADATA_URL/,
    );
  });
});
