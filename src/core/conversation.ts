import { performance } from 'node:perf_hooks';
import { type InboundMessage, type Reply, userKey } from '../model/message.js';
import { StoreUnavailableError } from '../store/contract.js';
import { handleAction } from './action-flow.js';
import { opaqueKey, userPrefix, turnRef } from './collections.js';
import { type FlowContext, flowContext } from './context.js';
import { eraseUserData, purgeExpiredRecords } from './data-lifecycle.js';
import { cancelEscalation, confirmEscalation } from './escalation-flow.js';
import { type RecentTurns, recentTurns } from './history.js';
import { maskNir } from './privacy.js';
import { assess, handleQuestion } from './question-flow.js';
import { standsAlone, withReopenOffer } from './reopen-flow.js';
import { type TranscriptRecord, transcriptReplies, transcriptWrite } from './records.js';
import { reminderDue, reminderShown } from './reminders.js';
import { ConversationStates } from './state.js';
import type { ConversationOptions, Turn, TurnOutcome } from './turn.js';

/** How long an inbound id is remembered for de-duplication (channels retry within minutes). */
const DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/**
 * The professional's conversation, channel-free: a neutral inbound message in, neutral replies out.
 *
 * Order of a turn: de-duplication, size and rate guards; NIR masking (before anything is stored,
 * logged or relayed); files dropped; the erase command; the escalation port's `intercept` (while
 * a delegate owns the conversation the bot stays silent and relays); then the clinical guard and
 * the matcher, or the button's flow. The state, transcript and records of the turn are committed in
 * one atomic step.
 */
export class ConversationService {
  private readonly ctx: FlowContext;
  private readonly states: ConversationStates;
  /** Records other parts keep about a person (a channel's conversation references…). */
  private readonly erasers: Array<(user: InboundMessage['user']) => Promise<void>> = [];

  constructor(private readonly options: ConversationOptions) {
    this.ctx = flowContext(options);
    this.states = new ConversationStates(options.store, options.limits.retentionDays * 24 * 60 * MINUTE_MS);
  }

  /** Handles one message or button press and returns the bot's replies (empty for a duplicate). */
  async handle(message: InboundMessage): Promise<Reply[]> {
    const started = performance.now();
    const { store, logger, limits, messages } = this.options;
    const locale = message.locale;
    const key = userKey(message.user);
    const log = { channel: message.user.channel, inbound: message.id };

    try {
      if (!(await store.once(opaqueKey('inbound', message.user.channel, message.id), DEDUPE_TTL_MS))) {
        logger.info({ event: 'conversation.duplicate', ...log }, 'duplicate inbound ignored');
        return [];
      }
      const rawText = message.text ?? '';
      if (rawText.length > limits.maxChars) {
        logger.info({ event: 'conversation.too_long', ...log, chars: rawText.length }, 'message refused');
        // `error`: the message was not handled (a channel may give the text back to edit).
        return [{ kind: 'error', text: messages.t(locale, 'error.too_long', { limit: limits.maxChars }) }];
      }
      if ((await store.hit(opaqueKey('rate', key), MINUTE_MS)) > limits.ratePerMinute) {
        logger.info({ event: 'conversation.rate_limited', ...log }, 'message refused');
        return [{ kind: 'error', text: messages.t(locale, 'error.rate_limited') }];
      }

      const scan = maskNir(rawText, messages.t(locale, 'conversation.nir.mask'));
      const text = scan.text.trim();
      const now = this.options.clock.now();
      const stateId = `${userPrefix(key)}${message.conversation.channel}:${message.conversation.id}`;
      const turn: Turn = {
        message,
        userKey: key,
        locale,
        ref: turnRef(message.id),
        now,
        state: await this.states.load(stateId, key, now.toISOString()),
      };

      const notices: Reply[] = [];
      if (scan.found > 0) {
        const notice = scan.allKeysValid ? 'conversation.nir.masked_valid' : 'conversation.nir.masked_shape';
        notices.push({ kind: 'notice', text: messages.t(locale, notice) });
      }
      if (message.attachments > 0)
        notices.push({ kind: 'notice', text: messages.t(locale, 'conversation.attachments') });

      const outcome = await this.route(turn, text, notices.length > 0);
      if (outcome.erased) {
        this.logTurn(log, outcome, started, scan.found);
        return outcome.replies;
      }

      const records = [...(outcome.records ?? [])];
      const replies = [...notices, ...outcome.replies];
      if (message.action === undefined && text !== '' && outcome.decision !== 'relayed') {
        const timeZone = this.ctx.timeZone;
        if (await reminderDue(store, key, now, timeZone)) {
          // A NIR notice already says it: the reminder is then counted as shown, not repeated.
          if (scan.found === 0) replies.push({ kind: 'notice', text: messages.t(locale, 'privacy.notice') });
          records.push(reminderShown(key, now, timeZone));
        }
      }
      records.push(this.transcript(turn, text, outcome, replies));
      await this.states.save(stateId, key, now.toISOString(), outcome.update ?? ((s) => s), records);
      this.logTurn(log, outcome, started, scan.found);
      return replies;
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unexpected';
      logger.error({ event: 'conversation.error', ...log, code, err: errorSummary(error) }, 'turn failed');
      // The store is down (Redis outage): nothing of this turn was kept, so the professional is
      // asked to send it again later rather than shown a generic incident.
      const key = error instanceof StoreUnavailableError ? 'error.unavailable' : 'error.generic';
      return [{ kind: 'error', text: safeText(() => messages.t(locale, key)) }];
    }
  }

  /**
   * Registers what a channel keeps about a person, so that "Supprimer mes données" erases it too
   * (the channels are built after the core, hence a registration rather than an option).
   */
  addEraser(eraser: (user: InboundMessage['user']) => Promise<void>): void {
    this.erasers.push(eraser);
  }

  /** RGPD: erases everything stored about the professional (also called by the admin layer). */
  async eraseUser(user: InboundMessage['user']): Promise<void> {
    await eraseUserData(this.options, user);
    for (const erase of this.erasers) await erase(user);
    // Deleted is not enough while the backend's files still hold the old writes.
    await this.options.store.purgeHistory();
  }

  /**
   * The professional's last `limit` turns within `withinDays` (capped by the retention), oldest
   * first, NIR-masked as stored: for a channel that shows the conversation again after a reload.
   */
  async recentTurns(userKey: string, options: { withinDays: number; limit: number }): Promise<RecentTurns> {
    return recentTurns(this.options.store, userKey, {
      ...options,
      now: this.options.clock.now(),
      retentionDays: this.options.limits.retentionDays,
    });
  }

  /** Deletes conversation records older than the retention; the scheduler calls it daily. */
  async purgeExpired(now: Date): Promise<Record<string, number>> {
    const purged = await purgeExpiredRecords(this.options, now, this.options.limits.retentionDays);
    await this.options.store.purgeHistory();
    return purged;
  }

  private async route(turn: Turn, text: string, hasNotices: boolean): Promise<TurnOutcome> {
    const { message, locale } = turn;
    const replies = this.ctx.replies;
    const action = message.action;
    if (action) {
      if (action.id === 'erase_my_data')
        return { replies: [replies.confirmErase(locale)], decision: 'erase_offer' };
      if (action.id === 'cancel_erase') {
        return { replies: [replies.text('notice', locale, 'conversation.erase.cancelled')], decision: 'erase_declined' };
      }
      if (action.id === 'confirm_erase') {
        await this.eraseUser(message.user);
        return {
          replies: [replies.text('notice', locale, 'conversation.erase.done')],
          decision: 'erased',
          erased: true,
        };
      }
      return handleAction(this.ctx, turn, {
        id: action.id,
        ...(action.value ? { value: action.value } : {}),
      });
    }
    if (text === '') {
      return {
        replies: hasNotices ? [] : [replies.text('notice', locale, 'conversation.empty')],
        decision: 'empty',
      };
    }
    const command = this.options.guard.command(text);
    if (command === 'erase_my_data') {
      return { replies: [replies.confirmErase(locale)], decision: 'erase_offer' };
    }
    // Typed rather than tapped (the button may have scrolled away, or the page was reloaded).
    if (command === 'cancel_my_request') return cancelEscalation(this.ctx, turn);
    const pending = turn.state.pendingEscalation;
    if (pending && command === 'confirm_yes') return confirmEscalation(this.ctx, turn, pending.ref);
    if (pending && command === 'confirm_no') return cancelEscalation(this.ctx, turn);
    const assessment = assess(this.ctx, text);
    const standalone = standsAlone(assessment);
    const relayed = await this.options.escalation.intercept({
      user: message.user,
      conversation: message.conversation,
      locale,
      text,
      standalone,
    });
    if (relayed !== null) return { replies: relayed, decision: 'relayed' };
    // « oui » / « ok » with nothing to confirm is not a question (nor one to hand a delegate later).
    if (command === 'confirm_yes' || command === 'confirm_no')
      return { replies: [replies.text('notice', locale, 'conversation.nothing_to_confirm')], decision: 'acknowledged' };
    const outcome = await handleQuestion(this.ctx, turn, text, assessment);
    return standalone ? withReopenOffer(this.ctx, turn, outcome) : outcome;
  }

  private transcript(turn: Turn, text: string, outcome: TurnOutcome, replies: Reply[]) {
    const action = turn.message.action;
    const record: TranscriptRecord = {
      user: turn.userKey,
      at: turn.now.toISOString(),
      conversation: { channel: turn.message.conversation.channel, id: turn.message.conversation.id },
      inbound: action ? { action: action.id } : outcome.redactInbound ? {} : { text },
      decision: outcome.decision,
      ...(outcome.intentId ? { intentId: outcome.intentId } : {}),
      replies: transcriptReplies(replies),
    };
    return transcriptWrite(record, turn.ref, this.options.limits.retentionDays);
  }

  private logTurn(
    log: Record<string, string>,
    outcome: TurnOutcome,
    started: number,
    nirMasked: number,
  ): void {
    this.options.logger.info(
      {
        event: 'conversation.turn',
        ...log,
        decision: outcome.decision,
        intent: outcome.intentId,
        replies: outcome.replies.map((r) => r.kind),
        nirMasked,
        ms: Math.round(performance.now() - started),
      },
      'turn handled',
    );
  }
}

function errorSummary(error: unknown): { name: string; message: string } {
  // The message of an error thrown while handling text could quote it: keep only its first line,
  // masked, so that a NIR never reaches the log.
  if (!(error instanceof Error)) return { name: 'unknown', message: '' };
  return { name: error.name, message: maskNir(error.message.split('\n')[0] ?? '').text.slice(0, 200) };
}

function safeText(read: () => string): string {
  try {
    return read();
  } catch {
    return '…';
  }
}
