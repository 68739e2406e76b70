import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminNotices } from '../../../src/admin/notices.js';
import { DigestPublisher } from '../../../src/admin/reports/publisher.js';
import { FixedClock } from '../../../src/clock.js';
import { readContent } from '../../../src/content/catalogue.js';
import { UiMessages } from '../../../src/content/messages.js';
import { parseEscalationConfig } from '../../../src/escalation/config.js';
import { staticDirectory } from '../../../src/escalation/directory.js';
import { CONTENT_ROOT } from '../../support/real-matcher.js';
import { TEAMS } from './support/activities.js';
import { useTeamsPlatform } from './support/platform.js';
import { type Harness, startHarness } from './support/harness.js';

const ADMINS_CHANNEL = '19:relais-admins@thread.tacv2';
const messages = new UiMessages(readContent(CONTENT_ROOT).catalogue.ui);

/**
 * The daily digest with `reports.teams` set: the Teams channel's outbox deliverer posts it in the
 * admins' channel through the connector at the channel's serviceUrl, once although two instances
 * publish it; no 1:1 chat is opened with the admins.
 */
describe('Teams: digests in the admins’ shared channel', () => {
  const { connector, identity } = useTeamsPlatform();
  let harness: Harness;

  beforeEach(async () => {
    connector.calls.length = 0;
    connector.clearFailures();
    harness = await startHarness({ connector, identity });
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** A digest publisher as each instance builds it, on the harness's store, with `reports` set. */
  function instance(reports: Record<string, unknown>) {
    const config = parseEscalationConfig({
      defaultQueue: 'cis',
      queues: [{ id: 'cis', name: 'CIS', kind: 'team', members: [`teams:${TEAMS.karim.id}`] }],
      admins: [`teams:${TEAMS.claire.aadObjectId}`],
      reports,
    });
    return new DigestPublisher({
      store: harness.store,
      clock: new FixedClock('2026-03-10T06:05:00Z'), // 07:05 in Paris: the daily digest is due
      notices: adminNotices(staticDirectory(config)),
      messages,
    });
  }

  const teamsChannel = () => ({ conversationId: ADMINS_CHANNEL, serviceUrl: connector.serviceUrl, tenantId: TEAMS.tenant });

  it('posts the digest once in the admins’ channel, as a new conversation in it, and opens no 1:1 chat', async () => {
    const reports = { teams: teamsChannel() };
    const published = await Promise.all([instance(reports).publishDue('daily'), instance(reports).publishDue('daily')]);
    expect(published.filter(Boolean)).toHaveLength(1);
    await harness.settled();
    const sent = connector.sent();
    expect(sent.map((c) => c.conversationId)).toEqual([ADMINS_CHANNEL]);
    expect(String(sent[0]!.body.text)).toMatch(/^Relais — revue quotidienne du 10\/03\/2026/);
    // A new post in the channel (admins discuss it in its thread), not a reply under another one.
    expect(sent[0]!.activityId).toBeUndefined();
    expect(connector.calls.filter((c) => c.method === 'POST' && c.conversationId === undefined)).toEqual([]);
  });

  it('retries when the connector is unavailable, and posts once it recovers', async () => {
    connector.failNext({ status: 503, times: 2, conversationPrefix: ADMINS_CHANNEL });
    expect(await instance({ teams: teamsChannel() }).publishDue('daily')).toBe(true);
    await harness.settled();
    expect(connector.calls.filter((c) => c.conversationId === ADMINS_CHANNEL).map((c) => c.status)).toEqual([503, 503, 200]);
  });
});
