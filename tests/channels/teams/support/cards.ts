/** Reading the Adaptive Cards the bot sent, as a person would see them. */

export interface CardJson {
  type: string;
  body?: Array<Record<string, unknown>>;
  actions?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export interface ActionJson {
  type: string;
  title: string;
  verb?: string;
  data: Record<string, unknown>;
  card?: CardJson;
}

/** The Adaptive Card attached to an activity (throws when there is none). */
export function cardOf(activity: Record<string, unknown>): CardJson {
  const attachments = activity.attachments as Array<{ contentType: string; content: CardJson }> | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  if (!card) throw new Error(`no Adaptive Card in activity: ${JSON.stringify(activity).slice(0, 300)}`);
  return card;
}

function walk(node: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  visit(record);
  for (const value of Object.values(record)) walk(value, visit);
}

/** Every TextBlock text and FactSet fact of a card, in order. */
export function cardTexts(card: CardJson): string[] {
  const texts: string[] = [];
  walk(card.body, (node) => {
    if (node.type === 'TextBlock' && typeof node.text === 'string') texts.push(node.text);
    if (node.type === 'FactSet') {
      for (const fact of node.facts as Array<{ title: string; value: string }>)
        texts.push(`${fact.title}: ${fact.value}`);
    }
  });
  return texts;
}

function actionsOf(card: CardJson): ActionJson[] {
  const actions: ActionJson[] = [];
  walk(card, (node) => {
    if (typeof node.type === 'string' && node.type.startsWith('Action.'))
      actions.push(node as unknown as ActionJson);
  });
  return actions;
}

/** Action.Submit buttons (answer cards), follow-ups included. */
export function submitActions(card: CardJson): ActionJson[] {
  return actionsOf(card).filter((a) => a.type === 'Action.Submit');
}

/** Action.Execute buttons (delegate cards), those inside the transfer form included. */
export function executeActions(card: CardJson): ActionJson[] {
  return actionsOf(card).filter((a) => a.type === 'Action.Execute');
}
