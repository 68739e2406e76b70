import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { parseCardInvoke } from '../../../src/channels/teams/action-data.js';
import { threadOf } from '../../../src/channels/teams/card-threads.js';
import { classifyTeamsError } from '../../../src/channels/teams/delivery-errors.js';
import { countFiles, isFromBot, typedText } from '../../../src/channels/teams/inbound.js';
import { parseAddress, toAddress } from '../../../src/channels/teams/references.js';
import { renderReply } from '../../../src/channels/teams/render/reply.js';
import type { MessageCatalogue } from '../../../src/model/messages-port.js';
import { cardOf, cardTexts, submitActions } from './support/cards.js';

const messages: MessageCatalogue = {
  t: (_locale, key, params) => `${key}${params ? ` ${JSON.stringify(params)}` : ''}`,
  has: () => true,
};

const activity = (fields: Partial<Activity>): Activity =>
  ({
    type: 'message',
    recipient: { id: '28:bot', name: 'Relais' },
    from: { id: '29:user', name: 'U' },
    ...fields,
  }) as Activity;

describe('Teams inbound activities', () => {
  it('removes the bot mention and channel HTML, keeping line breaks and other names', () => {
    const text = typedText(
      activity({
        text: '<p><at>Relais</at> Bonjour <at>Karim</at>,<br>la limite&nbsp;est de <b>3 jours</b> &amp; plus.</p>',
        entities: [{ type: 'mention', mentioned: { id: '28:bot', name: 'Relais' }, text: '<at>Relais</at>' }],
      }),
    );
    expect(text).toBe('Bonjour Karim,\nla limite est de 3 jours & plus.');
  });

  it("counts files and images, not Teams' HTML copy of the message", () => {
    expect(
      countFiles(activity({ attachments: [{ contentType: 'text/html', content: '<p>Bonjour</p>' }] })),
    ).toBe(0);
    expect(
      countFiles(activity({ attachments: [{ contentType: 'text/html', content: '<p><img src="x"></p>' }] })),
    ).toBe(1);
    expect(
      countFiles(
        activity({
          attachments: [
            { contentType: 'image/png', contentUrl: 'https://x/1.png' },
            { contentType: 'text/html', content: '<img src="https://x/1.png">' },
          ],
        }),
      ),
    ).toBe(1);
  });

  it("recognises the bot's own activities", () => {
    expect(isFromBot(activity({ from: { id: '28:bot', name: 'Relais' } }))).toBe(true);
    expect(isFromBot(activity({ from: { id: '28:other-bot', name: 'Bot' } }))).toBe(true);
    expect(isFromBot(activity({}))).toBe(false);
  });

  it('splits a channel thread conversation id into channel and card', () => {
    expect(threadOf('19:abc@thread.tacv2;messageid=1700000000123')).toEqual({
      channel: '19:abc@thread.tacv2',
      root: '1700000000123',
    });
    expect(threadOf('19:abc@thread.tacv2')).toEqual({ channel: '19:abc@thread.tacv2' });
  });

  it('reads only the card verbs it produced', () => {
    expect(parseCardInvoke({ action: { verb: 'relais.claim', data: { escalationId: 'e1' } } })).toEqual({
      verb: 'claim',
      escalationId: 'e1',
    });
    expect(
      parseCardInvoke({
        action: { verb: 'relais.transfer', data: { escalationId: 'e1', relaisTransferQueue: 'q2' } },
      }),
    ).toEqual({ verb: 'transfer', escalationId: 'e1', transferTo: 'q2' });
    expect(
      parseCardInvoke({ action: { verb: 'relais.delete_everything', data: { escalationId: 'e1' } } }),
    ).toBeNull();
    expect(parseCardInvoke({ action: { verb: 'relais.claim', data: {} } })).toBeNull();
  });

  it('round-trips a conversation reference through ConversationRef.address, and rejects garbage', () => {
    const reference = {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: 'a:1', conversationType: 'personal', tenantId: 't' },
      bot: { id: '28:bot' },
      locale: 'fr' as const,
    };
    expect(parseAddress(toAddress(reference))).toEqual(reference);
    expect(parseAddress('{"channelId":"msteams"}')).toBeNull();
    expect(parseAddress('not json')).toBeNull();
  });
});

describe('Teams answer rendering', () => {
  it('sends a bare notice as markdown text, one paragraph per line', () => {
    const message = renderReply({ kind: 'relay', text: 'Transmis.\nMerci.' }, 'fr', messages);
    expect(message).toEqual({ type: 'message', text: 'Transmis.\n\nMerci.', textFormat: 'markdown' });
  });

  it('renders an answer as a card: text, bullets, sources, date, buttons and follow-ups', () => {
    const message = renderReply(
      {
        kind: 'answer',
        text: '**Trois jours** au plus.\nExceptions :\n- médecin traitant ;\n- sage-femme.',
        sources: [{ title: 'Ameli', url: 'https://www.ameli.fr/x', checked: '2026-02-01' }],
        asOf: '2026-02-01',
        buttons: [
          { action: 'feedback_up', label: '👍', value: 't1' },
          { action: 'talk_to_delegate', label: 'Parler à un délégué', value: 't1' },
        ],
        followUps: [{ action: 'followup', label: 'Et la carence ?', value: 'at_ij_montant_carence' }],
      },
      'fr',
      messages,
    );
    const card = cardOf(message as never);
    expect(cardTexts(card)).toEqual([
      '**Trois jours** au plus.',
      'Exceptions :',
      '• médecin traitant ;',
      '• sage-femme.',
      'answer.source {"title":"Ameli","url":"https://www.ameli.fr/x"}',
      'answer.as_of {"date":"1 février 2026"}',
      'teams.reply.followups',
    ]);
    expect(submitActions(card).map((a) => a.data)).toEqual([
      { relais: 'pro', action: 'followup', value: 'at_ij_montant_carence' },
      { relais: 'pro', action: 'feedback_up', value: 't1' },
      { relais: 'pro', action: 'talk_to_delegate', value: 't1' },
    ]);
  });
});

describe('Teams delivery errors', () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] });

  it('retries 429 with its Retry-After, 408 and 5xx', () => {
    expect(
      classifyTeamsError({ statusCode: 429, response: { headers: headers({ 'retry-after': '7' }) } }),
    ).toEqual({
      ok: false,
      retry: true,
      error: 'rate_limited (429)',
      retryAfterMs: 7000,
    });
    expect(classifyTeamsError({ statusCode: 503 })).toMatchObject({ retry: true, error: 'http_503' });
    expect(classifyTeamsError({ response: { status: 502 } })).toMatchObject({ retry: true });
    expect(classifyTeamsError({ statusCode: 408 })).toMatchObject({ retry: true });
  });

  it('sets aside 401, 403, 404 and other 4xx', () => {
    expect(classifyTeamsError({ statusCode: 403 })).toMatchObject({
      retry: false,
      error: expect.stringMatching(/bot removed/),
    });
    expect(classifyTeamsError({ statusCode: 404 })).toMatchObject({
      retry: false,
      error: expect.stringMatching(/gone/),
    });
    expect(classifyTeamsError({ statusCode: 401 })).toMatchObject({
      retry: false,
      error: expect.stringMatching(/MicrosoftAppPassword/),
    });
    expect(classifyTeamsError({ statusCode: 422 })).toMatchObject({ retry: false });
  });

  it('retries network errors', () => {
    expect(
      classifyTeamsError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toMatchObject({
      retry: true,
      error: expect.stringMatching(/ECONNREFUSED/),
    });
  });
});
