import { afterAll, beforeAll } from 'vitest';
import { FakeIdentityServer } from './auth-server.js';
import { FakeConnector } from './fake-connector.js';

/** What stands in for Microsoft's side: the connector at `serviceUrl` and the Bot Framework's identity servers. */
export interface TeamsPlatform {
  connector: FakeConnector;
  identity: FakeIdentityServer;
}

/**
 * The Teams platform of a `describe` block: started before its first test, stopped after its last
 * (after the file's own `afterAll` hooks, which run first, so a harness stops before its platform).
 */
export function useTeamsPlatform(): TeamsPlatform {
  const platform: TeamsPlatform = { connector: new FakeConnector(), identity: new FakeIdentityServer() };
  beforeAll(async () => {
    await platform.connector.start();
    await platform.identity.start();
  });
  afterAll(async () => {
    await platform.connector.stop();
    await platform.identity.stop();
  });
  return platform;
}
