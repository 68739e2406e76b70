import { randomUUID } from 'node:crypto';

/** Ids of the tenant, the bot and the people of the scenarios (Teams' real id shapes). */
export const TEAMS = {
  appId: '00000000-aaaa-4bbb-8ccc-000000000001',
  tenant: '11111111-2222-4333-8444-555555555555',
  otherTenant: '99999999-8888-4777-8666-555555555555',
  doctor: {
    id: '29:1doctor-teams-id',
    aadObjectId: 'a0000000-0000-4000-8000-00000000d0c7',
    name: 'Dr Paul Durand',
  },
  claire: {
    id: '29:1claire-teams-id',
    aadObjectId: 'c1a10000-0000-4000-8000-000000000001',
    name: 'Claire Martin',
  },
  karim: {
    id: '29:1karim-teams-id',
    aadObjectId: 'ca710000-0000-4000-8000-000000000002',
    name: 'Karim Benali',
  },
  outsider: {
    id: '29:1outsider-teams-id',
    aadObjectId: '0u750000-0000-4000-8000-000000000003',
    name: 'Xavier Outsider',
  },
  doctorChat: 'a:1doctor-personal-conversation',
  queueChannel: '19:cis-test-queue@thread.tacv2',
  team: '19:cis-team@thread.tacv2',
} as const;

export const BOT_ID = `28:${TEAMS.appId}`;

type Person = { id: string; aadObjectId: string; name: string };

let counter = 0;
function nextId(): string {
  counter += 1;
  return `1700000${String(Date.now()).slice(-6)}${String(counter).padStart(4, '0')}`;
}

function common(serviceUrl: string, tenant: string) {
  return {
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    recipient: { id: BOT_ID, name: 'Relais' },
    locale: 'fr-FR',
    entities: [
      { type: 'clientInfo', locale: 'fr-FR', country: 'FR', platform: 'Web', timezone: 'Europe/Paris' },
    ],
    channelData: { tenant: { id: tenant } },
  };
}

/** A professional's message in their personal chat with the bot. */
export function personalMessage(
  serviceUrl: string,
  text: string,
  options: {
    from?: Person;
    tenant?: string;
    attachments?: unknown[];
    id?: string;
    /** The personal chat's id (default: the doctor's). */
    conversationId?: string;
    /** The Teams client's locale (default fr-FR). */
    locale?: string;
  } = {},
) {
  const from = options.from ?? TEAMS.doctor;
  const tenant = options.tenant ?? TEAMS.tenant;
  return {
    ...common(serviceUrl, tenant),
    ...(options.locale ? { locale: options.locale } : {}),
    type: 'message',
    id: options.id ?? nextId(),
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    conversation: { conversationType: 'personal', tenantId: tenant, id: options.conversationId ?? TEAMS.doctorChat },
    textFormat: 'plain',
    text,
    ...(options.attachments ? { attachments: options.attachments } : {}),
  };
}

/** A click on an Action.Submit button of an answer card: a message with a `value` and no text. */
export function submitAction(serviceUrl: string, value: Record<string, unknown>, replyToId: string) {
  return {
    ...common(serviceUrl, TEAMS.tenant),
    type: 'message',
    id: nextId(),
    replyToId,
    from: { id: TEAMS.doctor.id, name: TEAMS.doctor.name, aadObjectId: TEAMS.doctor.aadObjectId },
    conversation: { conversationType: 'personal', tenantId: TEAMS.tenant, id: TEAMS.doctorChat },
    value,
  };
}

/** An Action.Execute click (Universal Actions) by `from` on the card `replyToId` in `conversation`. */
function actionInvoke(
  serviceUrl: string,
  from: Person,
  replyToId: string,
  conversation: Record<string, unknown>,
  verb: string,
  data: Record<string, unknown>,
) {
  return {
    ...common(serviceUrl, TEAMS.tenant),
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `f:${randomUUID()}`,
    replyToId,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    conversation: { tenantId: TEAMS.tenant, ...conversation },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** A delegate's click on a card's Action.Execute in the queue channel (Universal Actions). */
export function cardInvoke(
  serviceUrl: string,
  from: Person,
  cardId: string,
  verb: string,
  data: Record<string, unknown>,
) {
  const conversation = { isGroup: true, conversationType: 'channel', id: `${TEAMS.queueChannel};messageid=${cardId}` };
  return {
    ...actionInvoke(serviceUrl, from, cardId, conversation, verb, data),
    channelData: {
      tenant: { id: TEAMS.tenant },
      channel: { id: TEAMS.queueChannel },
      team: { id: TEAMS.team },
      source: { name: 'message' },
    },
  };
}

/** A click on an Action.Execute of a card the bot sent in someone's personal chat (« Mes demandes »). */
export function personalInvoke(
  serviceUrl: string,
  from: Person,
  conversationId: string,
  replyToId: string,
  verb: string,
  data: Record<string, unknown>,
) {
  return actionInvoke(serviceUrl, from, replyToId, { conversationType: 'personal', id: conversationId }, verb, data);
}

/** A message in a card's thread in the queue channel (received through the RSC permission). */
export function threadMessage(
  serviceUrl: string,
  from: Person,
  cardId: string,
  html: string,
  attachments?: unknown[],
) {
  return {
    ...common(serviceUrl, TEAMS.tenant),
    type: 'message',
    id: nextId(),
    replyToId: cardId,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: TEAMS.tenant,
      id: `${TEAMS.queueChannel};messageid=${cardId}`,
    },
    channelData: {
      tenant: { id: TEAMS.tenant },
      teamsChannelId: TEAMS.queueChannel,
      teamsTeamId: TEAMS.team,
      channel: { id: TEAMS.queueChannel },
      team: { id: TEAMS.team },
    },
    textFormat: 'plain',
    text: html,
    attachments: [{ contentType: 'text/html', content: html }, ...(attachments ?? [])],
  };
}
