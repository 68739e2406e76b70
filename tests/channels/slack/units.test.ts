import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createSlackChannel, SLACK_EVENTS_PATH } from '../../../src/channels/slack/app.js';
import { slackApiBase } from '../../../src/channels/slack/client-options.js';
import { classifyDeliveryError } from '../../../src/channels/slack/delivery-errors.js';
import { personMessage } from '../../../src/channels/slack/inbound.js';
import { fromSlackText, toMrkdwn } from '../../../src/channels/slack/mrkdwn.js';
import { ChannelPacer } from '../../../src/channels/slack/pacing.js';
import { createLogger } from '../../../src/observability.js';
import type { Store } from '../../../src/store/contract.js';

describe('Slack formatting', () => {
  it('renders the neutral light markdown as mrkdwn, escaping what Slack would read as markup', () => {
    expect(toMrkdwn('**25 €** pour une TLC <G> & TE2\n- voir [Ameli](https://www.ameli.fr/a?b=1&c=2)')).toBe(
      '*25 €* pour une TLC &lt;G&gt; &amp; TE2\n• voir <https://www.ameli.fr/a?b=1&c=2|Ameli>',
    );
  });

  it("reads what a person typed: the bot's mention removed, links, mentions and entities decoded", () => {
    const typed = '<@UBOT> voir <https://ameli.fr|ameli> avec <@UCLAIRE> : *urgent* &amp; &lt;vite&gt;';
    expect(fromSlackText(typed, { botUserId: 'UBOT', nameOf: () => 'claire' })).toBe(
      'voir [ameli](https://ameli.fr) avec @claire : **urgent** & <vite>',
    );
  });
});

describe('Slack events that are not a person writing', () => {
  const base = { type: 'message', channel: 'D1', user: 'U1', text: 'x', ts: '1.1', channel_type: 'im' };
  it.each([
    ['an edit', { ...base, subtype: 'message_changed' }],
    ['a deletion', { ...base, subtype: 'message_deleted' }],
    ['a channel join', { ...base, subtype: 'channel_join' }],
    ['a bot', { ...base, bot_id: 'B1' }],
    ['the bot itself', { ...base, user: 'UBOT' }],
  ])('ignores %s', (_label, event) => {
    expect(personMessage(event, 'UBOT')).toBeNull();
  });
  it('keeps a file share, counting the files', () => {
    expect(personMessage({ ...base, subtype: 'file_share', files: [{}, {}] }, 'UBOT')?.files).toBe(2);
  });
});

describe('Slack configuration', () => {
  it('gives the Web API client a base URL ending with a slash', () => {
    expect(slackApiBase('http://127.0.0.1:9/api')).toBe('http://127.0.0.1:9/api/');
    expect(slackApiBase('https://slack-gov.com/api/')).toBe('https://slack-gov.com/api/');
    expect(slackApiBase(undefined)).toBe('https://slack.com/api/');
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set (nothing to mount)', () => {
    const channel = createSlackChannel({
      config: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: undefined, RETENTION_DAYS: 90 },
      logger: createLogger('silent'),
      conversation: { handle: async () => [] },
      escalation: {} as never,
      store: {} as Store,
      messages: { t: (_l, key) => key, has: () => true },
    });
    expect(channel.mode).toBe('socket');
    expect(channel.router.stack).toHaveLength(0);
  });

  it('refuses HTTP mode without a signing secret', () => {
    expect(() =>
      createSlackChannel({
        config: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: undefined, SLACK_API_URL: undefined, RETENTION_DAYS: 90 },
        logger: createLogger('silent'),
        conversation: { handle: async () => [] },
        escalation: {} as never,
        store: {} as Store,
        messages: { t: (_l, key) => key, has: () => true },
      }),
    ).toThrow(/SLACK_SIGNING_SECRET/);
  });
});

describe('Slack delivery errors and pacing', () => {
  it('treats a timeout as passing trouble', () => {
    const timeout = Object.assign(new Error('aborted'), { code: 'slack_webapi_request_error', original: { name: 'TimeoutError' } });
    expect(classifyDeliveryError(timeout)).toMatchObject({ retry: true });
  });

  it('spaces messages of one channel by the interval', async () => {
    let now = 0;
    const slept: number[] = [];
    const pacer = new ChannelPacer(1000, () => now, async (ms) => {
      slept.push(ms);
    });
    await pacer.wait('C1');
    await pacer.wait('C1');
    await pacer.wait('C2');
    now = 5000;
    await pacer.wait('C1');
    expect(slept).toEqual([1000]);
  });
});

describe('Slack app manifest', () => {
  const manifest = parseYaml(readFileSync(path.resolve(import.meta.dirname, '../../../slack/manifest.yaml'), 'utf8'));

  it('asks for the scopes and events the channel uses, and nothing it does not', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history', 'im:read', 'im:write', 'users:read'],
    );
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      ['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im'],
    );
  });

  it('sends events, interactivity and both slash commands to the endpoint Relais mounts', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/relais', '/relais-admin']);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });
});
