import { createHmac, randomUUID } from 'node:crypto';

/**
 * Slack's wire format, as Slack sends it: Events API callbacks (JSON), interactivity payloads
 * (`payload=` form-encoded JSON) and slash commands (form-encoded), each signed with the app's
 * signing secret (HMAC-SHA256 over `v0:<timestamp>:<raw body>`).
 */

export const TEAM_ID = 'T0RELAIS';
export const APP_ID = 'A0RELAIS';

export interface SignedPost {
  body: string;
  contentType: string;
  timestamp?: number;
  signature?: string;
  retryNum?: number;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a body to the real endpoint, signed with `secret` (unless a forged signature is given). */
export async function postToSlackEndpoint(
  url: string,
  secret: string,
  post: SignedPost,
): Promise<{ status: number; text: string }> {
  const timestamp = post.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = post.signature ?? sign(secret, timestamp, post.body);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': post.contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...(post.retryNum !== undefined
        ? { 'x-slack-retry-num': String(post.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body: post.body,
  });
  return { status: response.status, text: await response.text() };
}

let tsSeq = 0;
/** A fresh Slack message timestamp (`seconds.micros`). */
export function nextTs(): string {
  tsSeq += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(100 + tsSeq).padStart(6, '0')}`;
}

function richText(text: string) {
  return [
    {
      type: 'rich_text',
      block_id: randomUUID().slice(0, 5),
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}

/** An Events API `event_callback` envelope around `event`. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`): SignedPost & { eventId: string } {
  const envelope = {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    context_team_id: TEAM_ID,
    context_enterprise_id: null,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM_ID, user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(randomUUID()).toString('base64url')}`,
  };
  return { body: JSON.stringify(envelope), contentType: 'application/json', eventId };
}

/** A `message` event in a DM (`message.im`). */
export function directMessage(input: { user: string; channel: string; text: string; ts?: string; files?: number }) {
  const ts = input.ts ?? nextTs();
  const event: Record<string, unknown> = {
    client_msg_id: randomUUID(),
    type: 'message',
    text: input.text,
    user: input.user,
    ts,
    blocks: richText(input.text),
    team: TEAM_ID,
    channel: input.channel,
    event_ts: ts,
    channel_type: 'im',
  };
  if (input.files) {
    event.subtype = 'file_share';
    event.files = Array.from({ length: input.files }, (_, i) => ({ id: `F${i}`, name: `scan-${i}.pdf`, mimetype: 'application/pdf' }));
  }
  return { event, ts };
}

/** A `message` event in a public channel (`message.channels`), optionally in a thread. */
export function channelMessage(input: { user: string; channel: string; text: string; ts?: string; threadTs?: string }) {
  const ts = input.ts ?? nextTs();
  return {
    ts,
    event: {
      client_msg_id: randomUUID(),
      type: 'message',
      text: input.text,
      user: input.user,
      ts,
      blocks: richText(input.text),
      team: TEAM_ID,
      ...(input.threadTs ? { thread_ts: input.threadTs, parent_user_id: 'UBOT' } : {}),
      channel: input.channel,
      event_ts: ts,
      channel_type: 'channel',
    },
  };
}

/** An `app_mention` event (no channel_type, unlike `message`). */
export function appMention(input: { user: string; channel: string; text: string; ts: string; threadTs?: string }) {
  return {
    type: 'app_mention',
    user: input.user,
    text: input.text,
    ts: input.ts,
    client_msg_id: randomUUID(),
    team: TEAM_ID,
    ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    blocks: richText(input.text),
    channel: input.channel,
    event_ts: input.ts,
  };
}

/** A `block_actions` interactivity payload (`payload=` form-encoded), as a click on a message button. */
export function blockActions(input: {
  user: string;
  channel: string;
  messageTs: string;
  action: Record<string, unknown>;
  channelType?: 'im' | 'channel';
  threadTs?: string;
  responseBase: string;
}): SignedPost {
  const actionTs = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const payload = {
    type: 'block_actions',
    user: { id: input.user, username: input.user.toLowerCase(), name: input.user.toLowerCase(), team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: input.messageTs,
      channel_id: input.channel,
      is_ephemeral: false,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    },
    trigger_id: `${Date.now()}.${TEAM_ID}.${randomUUID().replace(/-/g, '')}`,
    team: { id: TEAM_ID, domain: 'relais-test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channel, name: input.channelType === 'im' ? 'directmessage' : 'file-tlc' },
    message: {
      type: 'message',
      user: 'UBOT',
      bot_id: 'BBOT',
      ts: input.messageTs,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      text: 'card',
      blocks: [],
      team: TEAM_ID,
    },
    state: { values: {} },
    response_url: `${input.responseBase}actions/${randomUUID()}`,
    actions: [{ ...input.action, action_ts: actionTs }],
  };
  return { body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, contentType: 'application/x-www-form-urlencoded' };
}

/** A button element as Slack echoes it back in `actions[]`. */
export function buttonAction(actionId: string, value: string | undefined, blockId = 'b1', label = 'button') {
  return {
    action_id: actionId,
    block_id: blockId,
    text: { type: 'plain_text', text: label, emoji: true },
    ...(value !== undefined ? { value } : {}),
    type: 'button',
  };
}

/** A slash command (form-encoded). */
export function slashCommand(input: { user: string; channel: string; command: string; text: string; responseBase: string }): SignedPost {
  const form = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'relais-test',
    channel_id: input.channel,
    channel_name: input.channel.startsWith('D') ? 'directmessage' : 'file-tlc',
    user_id: input.user,
    user_name: input.user.toLowerCase(),
    command: input.command,
    text: input.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: `${input.responseBase}commands/${randomUUID()}`,
    trigger_id: `${Date.now()}.${TEAM_ID}.${randomUUID().replace(/-/g, '')}`,
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** A `view_submission` payload for a modal. */
export function viewSubmission(input: {
  user: string;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, unknown>>;
}): SignedPost {
  const payload = {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'relais-test' },
    user: { id: input.user, username: input.user.toLowerCase(), name: input.user.toLowerCase(), team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: `${Date.now()}.${TEAM_ID}.${randomUUID().replace(/-/g, '')}`,
    view: {
      id: 'V0MODAL',
      team_id: TEAM_ID,
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      state: { values: input.values },
      hash: '1790000000.abc',
      title: { type: 'plain_text', text: 'Relais' },
      blocks: [],
      app_id: APP_ID,
      bot_id: 'BBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return { body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, contentType: 'application/x-www-form-urlencoded' };
}
