import type { TurnContext } from 'botbuilder';
import { conversationKind, referenceOf, tenantOf } from '../inbound.js';
import type { TeamsTurnDeps } from './deps.js';

/**
 * The bot was added to a personal chat, a group chat or a team. Its conversation reference is
 * stored, and the ids an administrator needs for `config/relais.yaml` (a channel's conversation id,
 * the service URL, the tenant) are logged at info level: no message text, no names.
 */
export async function handleInstallation(deps: TeamsTurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
  const installed = activity.type === 'installationUpdate' && activity.action === 'add';
  if (!botAdded && !installed) return;
  await deps.references.rememberConversation(referenceOf(activity));
  const channelData = activity.channelData as
    | { team?: { id?: unknown }; channel?: { id?: unknown } }
    | undefined;
  deps.logger.info(
    {
      event: 'teams.installed',
      conversationType: conversationKind(activity),
      conversationId: activity.conversation.id,
      serviceUrl: activity.serviceUrl,
      tenantId: tenantOf(activity),
      ...(typeof channelData?.team?.id === 'string' ? { teamId: channelData.team.id } : {}),
      ...(typeof channelData?.channel?.id === 'string' ? { channelId: channelData.channel.id } : {}),
    },
    'Relais added to a Teams conversation',
  );
}
