import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { StoredReference, TeamsPerson } from './references.js';

/** Audience of tokens for the Bot Framework connector (public cloud). */
const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

/**
 * Proactive writes through the CloudAdapter: into a stored conversation, update of a posted card,
 * deletion of a posted activity, and creation of a person's 1:1 conversation with the bot. Errors are caught inside the turn and
 * re-thrown here, so that the adapter's turn error handler (meant for inbound turns) never swallows
 * them and the outbox can classify them.
 */
export class TeamsConnector {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  /** The bot's id in Teams conversations (`28:<app id>`). */
  get botId(): string {
    return this.appId ? `28:${this.appId}` : 'relais-development';
  }

  /** Sends activities into a conversation, in order; returns their activity ids. */
  async send(reference: StoredReference, activities: Partial<Activity>[]): Promise<string[]> {
    const ids: string[] = [];
    await this.within(reference, async (context) => {
      // A continuation turn's activity has a made-up id, which botbuilder would put in `replyToId`
      // (a reply to a message that does not exist): a proactive message is a new message instead.
      context.onSendActivities(async (_context, outgoing, next) => {
        for (const activity of outgoing) delete activity.replyToId;
        return next();
      });
      for (const activity of activities) {
        const sent = await context.sendActivity(activity);
        ids.push(sent?.id ?? '');
      }
    });
    return ids;
  }

  /** Replaces a posted activity (a card) in place. */
  async update(reference: StoredReference, activityId: string, activity: Partial<Activity>): Promise<void> {
    await this.within(reference, async (context) => {
      await context.updateActivity({ ...activity, id: activityId, type: 'message' });
    });
  }

  /** Deletes an activity the bot posted (a relay, a reminder): RGPD erasure. */
  async delete(reference: StoredReference, activityId: string): Promise<void> {
    await this.within(reference, async (context) => {
      await context.deleteActivity(activityId);
    });
  }

  /** Creates (or finds: Teams returns the existing one) the 1:1 conversation of a person with the bot. */
  async personalConversation(person: TeamsPerson): Promise<StoredReference> {
    let conversationId = '';
    await this.adapter.createConversationAsync(
      this.appId,
      'msteams',
      person.serviceUrl,
      CONNECTOR_AUDIENCE,
      {
        isGroup: false,
        bot: { id: this.botId, name: 'Relais' },
        members: [{ id: person.userId, name: '' }],
        ...(person.tenantId ? { tenantId: person.tenantId } : {}),
        channelData: person.tenantId ? { tenant: { id: person.tenantId } } : {},
      },
      async (context) => {
        conversationId = context.activity.conversation.id;
      },
    );
    return {
      channelId: 'msteams',
      serviceUrl: person.serviceUrl,
      conversation: {
        id: conversationId,
        conversationType: 'personal',
        ...(person.tenantId ? { tenantId: person.tenantId } : {}),
      },
      bot: { id: this.botId },
      user: { id: person.userId, ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}) },
    };
  }

  private async within(
    reference: StoredReference,
    work: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    let failure: unknown;
    let failed = false;
    const conversationReference: Partial<ConversationReference> = {
      channelId: reference.channelId,
      serviceUrl: reference.serviceUrl,
      conversation: { isGroup: false, conversationType: '', name: '', ...reference.conversation },
      bot: { id: reference.bot.id, name: 'Relais' },
      ...(reference.user ? { user: { ...reference.user, name: '' } } : {}),
    };
    await this.adapter.continueConversationAsync(this.appId, conversationReference, async (context) => {
      try {
        await work(context);
      } catch (err) {
        failed = true;
        failure = err;
      }
    });
    if (failed) throw failure;
  }
}
