import { describe, expect, it } from 'vitest';
import { loadCatalogue, readContent } from '../../src/content/catalogue.js';
import { UiMessages } from '../../src/content/messages.js';
import { fixture, repoRoot } from './helpers.js';

describe('UiMessages', () => {
  const messages = new UiMessages(loadCatalogue(fixture('valid')).ui);

  it('fills placeholders in the requested locale', () => {
    expect(messages.t('fr', 'greeting', { name: 'Dr Martin' })).toBe('Bonjour Dr Martin');
    expect(messages.t('en', 'greeting', { name: 'Dr Martin' })).toBe('Hello Dr Martin');
    expect(messages.t('fr', 'button.ok')).toBe('OK');
  });

  it('accepts numbers', () => {
    expect(messages.t('fr', 'greeting', { name: 42 })).toBe('Bonjour 42');
  });

  it('throws a coded error on an unknown key', () => {
    expect(() => messages.t('fr', 'nope')).toThrow(expect.objectContaining({ code: 'unknown_message_key' }));
    expect(messages.has('fr', 'nope')).toBe(false);
    expect(messages.has('en', 'greeting')).toBe(true);
  });

  it('throws a coded error rather than show a raw placeholder', () => {
    expect(() => messages.t('fr', 'greeting')).toThrow(
      expect.objectContaining({ code: 'missing_message_param' }),
    );
    expect(() => messages.t('fr', 'greeting', { who: 'x' })).toThrow(/needs the parameter "name"/);
  });
});

describe('the repository UI strings', () => {
  // readContent, not loadCatalogue: the UI strings do not depend on the intent files being complete.
  const messages = new UiMessages(readContent(repoRoot).catalogue.ui);

  it('say the common things in French and English', () => {
    expect(messages.t('fr', 'error.too_long', { limit: 2000 })).toContain('2000 caractères');
    expect(messages.t('en', 'error.too_long', { limit: 2000 })).toContain('2000 characters');
    expect(messages.t('fr', 'button.talk_to_delegate')).toBe('Parler à un délégué');
    expect(messages.t('fr', 'answer.as_of', { date: '26/01/2026' })).toBe('à jour au 26/01/2026');
  });
});
