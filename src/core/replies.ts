import { dayLabel } from '../clock.js';
import type { AnswerSource, ServedAnswer } from '../model/answers-port.js';
import type { Button, Locale, Reply, ReplyKind } from '../model/message.js';
import type { MessageCatalogue } from '../model/messages-port.js';

/**
 * The neutral replies of the conversation, built from the UI strings: each channel renders them.
 * Buttons referring to a question carry the turn's `ref`.
 */

/** Up to this many related questions follow an answer. */
export const MAX_FOLLOW_UPS = 3;

/** Longest question quoted back in a confirmation. */
const QUOTE_MAX_CHARS = 200;

export class ReplyBuilder {
  constructor(
    private readonly messages: MessageCatalogue,
    private readonly answers: AnswerSource,
  ) {}

  t(locale: Locale, key: string, params?: Record<string, string | number>): string {
    return this.messages.t(locale, key, params);
  }

  text(kind: ReplyKind, locale: Locale, key: string, params?: Record<string, string | number>): Reply {
    return { kind, text: this.t(locale, key, params) };
  }

  delegateButton(locale: Locale, ref: string, primary = false): Button {
    return {
      action: 'talk_to_delegate',
      label: this.t(locale, 'button.talk_to_delegate'),
      value: ref,
      ...(primary ? { style: 'primary' as const } : {}),
    };
  }

  /** The intent's short label for buttons, or null when it has no answer. */
  title(intentId: string, locale: Locale): string | null {
    try {
      return this.answers.title(intentId, locale);
    } catch {
      return null;
    }
  }

  /**
   * A regulatory answer: key fact first (the text), sources, "à jour au", 👍/👎, delegate, follow-ups.
   * `reviewOverdue`: its review-by day has passed without an admin checking it again — said under
   * the text, with the delegate put forward.
   */
  answer(locale: Locale, served: ServedAnswer, ref: string, related: string[], reviewOverdue = false): Reply {
    const followUps: Button[] = [];
    for (const id of related) {
      if (followUps.length >= MAX_FOLLOW_UPS) break;
      const label = this.title(id, locale);
      if (label !== null) followUps.push({ action: 'followup', label, value: id });
    }
    return {
      kind: 'answer',
      text: reviewOverdue
        ? `${served.text}\n\n${this.t(locale, 'conversation.answer.review_overdue', { date: dayLabel(served.reviewBy, locale) })}`
        : served.text,
      intentId: served.intentId,
      versionId: served.versionId,
      sources: served.sources,
      asOf: asOfDay(served),
      buttons: [
        { action: 'feedback_up', label: this.t(locale, 'button.feedback_up'), value: ref },
        { action: 'feedback_down', label: this.t(locale, 'button.feedback_down'), value: ref },
        this.delegateButton(locale, ref, served.offerDelegate || reviewOverdue),
      ],
      ...(followUps.length > 0 ? { followUps } : {}),
    };
  }

  /** "Vouliez-vous dire…": the close intents, then "Aucune de ces questions". */
  suggest(locale: Locale, choices: string[], ref: string, textKey = 'conversation.suggest'): Reply {
    const buttons: Button[] = [];
    for (const id of choices) {
      const label = this.title(id, locale);
      if (label !== null) buttons.push({ action: 'choose_intent', label, value: id });
    }
    buttons.push({ action: 'none_of_these', label: this.t(locale, 'button.none_of_these'), value: ref });
    return { kind: 'suggest', text: this.t(locale, textKey), buttons };
  }

  /** Out of scope: what Relais covers, and a delegate. */
  fallback(locale: Locale, ref: string, elsewhere: readonly string[] = []): Reply {
    // Where to go for the topics the question names that Relais does not cover (URSSAF, pension…).
    const pointers = elsewhere.map((topic) => `- ${this.t(locale, `conversation.elsewhere.${topic}`)}`);
    const text = this.t(locale, 'conversation.fallback');
    return {
      kind: 'fallback',
      text: pointers.length > 0 ? [text, this.t(locale, 'conversation.elsewhere.intro'), ...pointers].join('\n') : text,
      buttons: [this.delegateButton(locale, ref)],
    };
  }

  /** An expired (or missing) answer is not served: the rule is being reviewed, a delegate is offered. */
  withheld(locale: Locale, intentId: string, ref: string): Reply {
    const title = this.title(intentId, locale);
    return {
      kind: 'withheld',
      text:
        title === null
          ? this.t(locale, 'conversation.unavailable_answer')
          : this.t(locale, 'conversation.withheld', { title }),
      intentId,
      buttons: [this.delegateButton(locale, ref, true)],
    };
  }

  /** The short confirmation before anything is passed to a delegate. */
  confirmEscalation(locale: Locale, question: string, ref: string): Reply {
    const quoted =
      question.length > QUOTE_MAX_CHARS ? `${question.slice(0, QUOTE_MAX_CHARS - 1)}…` : question;
    return {
      kind: 'escalation',
      text:
        quoted.trim() === ''
          ? this.t(locale, 'conversation.escalation.confirm')
          : this.t(locale, 'conversation.escalation.confirm_question', { question: quoted }),
      buttons: [
        { action: 'confirm_escalation', label: this.t(locale, 'button.yes'), value: ref, style: 'primary' },
        { action: 'cancel_escalation', label: this.t(locale, 'button.cancel'), value: ref },
      ],
    };
  }

  /** The RGPD erasure asks once more before it deletes. */
  confirmErase(locale: Locale): Reply {
    return {
      kind: 'notice',
      text: this.t(locale, 'conversation.erase.confirm'),
      buttons: [
        {
          action: 'confirm_erase',
          label: this.t(locale, 'conversation.button.confirm_erase'),
          style: 'danger',
        },
        { action: 'cancel_erase', label: this.t(locale, 'button.cancel') },
      ],
    };
  }
}

/** "À jour au": the latest day a source was checked, else the day the text took effect. */
export function asOfDay(served: ServedAnswer): string {
  const checked = served.sources.map((s) => s.checked).sort();
  return checked.at(-1) ?? served.validFrom;
}

