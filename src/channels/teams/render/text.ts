import type { Locale } from '../../../model/message.js';
import type { TextBlock } from './adaptive.js';

/**
 * The neutral reply text (`**bold**`, line breaks, `- ` bullets, `[title](url)` links) as Adaptive
 * Card TextBlocks. TextBlock markdown supports bold and links; line breaks inside one block render
 * differently across Teams clients, so each line is its own block and a bullet becomes "• ".
 */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let gap = false;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      gap = blocks.length > 0;
      continue;
    }
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const block: TextBlock = { type: 'TextBlock', text: bullet ? `• ${bullet[1]}` : line, wrap: true };
    if (blocks.length > 0) block.spacing = gap ? 'Medium' : bullet ? 'None' : 'Small';
    blocks.push(block);
    gap = false;
  }
  return blocks;
}

/** The neutral text as a Teams message in markdown: paragraphs need a blank line between lines. */
export function markdownMessage(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n\n');
}

/** Plain text without markdown (fallback text of a card, notification previews). */
export function plainText(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "27 novembre 2025" / "27 November 2025" for a calendar day `YYYY-MM-DD`. */
export function formatDay(day: string, locale: Locale): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}
