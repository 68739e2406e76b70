/** Slack's limits: a section's text, a button's label, a message's top-level text. */
export const LIMITS = { sectionText: 3000, buttonText: 75, contextElements: 10, actionsElements: 25, blocks: 50 };

/** Cuts a label to fit a button (75 characters), with an ellipsis. */
export function fitLabel(label: string, max = LIMITS.buttonText): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/**
 * Splits mrkdwn into section-sized chunks, on paragraph then line boundaries, never inside a line
 * unless one line alone is too long.
 */
export function chunkText(text: string, max = LIMITS.sectionText): string[] {
  if (text.length <= max) return [text];
  const chunks: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current !== '') chunks.push(current);
    let rest = line;
    while (rest.length > max) {
      chunks.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    current = rest;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** Hour and minute of an instant in Europe/Paris ("14:05"). */
export function formatTime(at: Date | string, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}
