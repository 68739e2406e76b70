import { type Activity, ActivityTypes, type TurnContext } from 'botbuilder';
import { answerInvoke, handleCardAction } from './handlers/card-action.js';
import { handleChannelMessage } from './handlers/channel-message.js';
import type { TeamsTurnDeps } from './handlers/deps.js';
import { handleInstallation } from './handlers/installation.js';
import { handleMyRequests } from './handlers/my-requests.js';
import { handleProfessionalMessage } from './handlers/professional.js';
import { conversationKind, isFromBot, localeOf, tenantOf, typedText } from './inbound.js';
import { isMyRequestsCommand } from './my-requests.js';

/** Teams may deliver an activity again when the bot answered slowly; ids are remembered a while. */
export const DEDUPE_TTL_MS = 2 * 60 * 60 * 1000;

/** Channels this bot serves: Teams, and the Bot Framework Emulator in development. */
const SERVED_CHANNELS = new Set(['msteams', 'emulator']);

const CARD_ACTION_INVOKE = 'adaptiveCard/action';

function describe(activity: Activity): Record<string, unknown> {
  return { type: activity.type, name: activity.name, conversationType: conversationKind(activity) };
}

/**
 * The bot's logic for one inbound activity, after botbuilder authenticated it: activities from
 * other channels, from bots (the bot's own included) and from tenants outside the allow-list are
 * ignored; a message already handled (same conversation and activity id) is ignored; the rest is
 * routed to the « mes demandes » command, the professional, delegate-card, channel or installation
 * handler.
 */
export function createTurnLogic(deps: TeamsTurnDeps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity;
    if (!SERVED_CHANNELS.has(activity.channelId) || isFromBot(activity)) return;
    const tenant = tenantOf(activity);
    if (deps.allowedTenants && (!tenant || !deps.allowedTenants.has(tenant))) {
      deps.logger.warn(
        { event: 'teams.tenant_refused', tenant: tenant ?? null, ...describe(activity) },
        'tenant not allowed',
      );
      if (activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      }
      return;
    }
    switch (activity.type) {
      case ActivityTypes.Message: {
        const key = `teams:activity:${activity.conversation.id}:${activity.id}`;
        if (activity.id && !(await deps.store.once(key, DEDUPE_TTL_MS))) {
          deps.logger.info({ event: 'teams.duplicate', ...describe(activity) }, 'duplicate activity ignored');
          return;
        }
        if (conversationKind(activity) === 'personal') {
          if (activity.value === undefined && isMyRequestsCommand(typedText(activity))) await handleMyRequests(deps, context);
          else await handleProfessionalMessage(deps, context);
        } else await handleChannelMessage(deps, context);
        return;
      }
      case ActivityTypes.Invoke:
        if (activity.name === CARD_ACTION_INVOKE) await handleCardAction(deps, context);
        else await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 501 } });
        return;
      case ActivityTypes.ConversationUpdate:
      case ActivityTypes.InstallationUpdate:
        await handleInstallation(deps, context);
        return;
      default:
        return;
    }
  };
}

/**
 * The turn error handler: logs the failure (never the text) and gives the person a neutral message
 * (an invoke gets it as its answer), so that nobody is left without a reply.
 */
export function createTurnErrorHandler(deps: Pick<TeamsTurnDeps, 'logger' | 'messages' | 'locale'>) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const activity = context.activity;
    const code = (error as { code?: unknown }).code;
    deps.logger.error(
      { err: { name: error.name, message: error.message, code }, ...describe(activity) },
      'teams turn failed',
    );
    const text = deps.messages.t(localeOf(activity.locale, deps.locale), 'error.generic');
    try {
      if (activity.type === ActivityTypes.Invoke) {
        await answerInvoke(context, {
          statusCode: 200,
          type: 'application/vnd.microsoft.activity.message',
          value: text,
        });
      } else if (activity.type === ActivityTypes.Message && conversationKind(activity) === 'personal') {
        await context.sendActivity({ type: 'message', text });
      }
    } catch (err) {
      deps.logger.error({ err: { message: (err as Error).message } }, 'teams error reply failed');
    }
  };
}
