import type { RecordedCall } from './fake-slack-api.js';

interface Element {
  type?: string;
  action_id?: string;
  value?: string;
  text?: { text?: string } | string;
  options?: Array<{ value: string; text: { text: string } }>;
}
interface Block {
  type?: string;
  text?: { text?: string };
  elements?: Element[];
  fields?: Array<{ text?: string }>;
}

function blocksOf(call: RecordedCall): Block[] {
  return Array.isArray(call.args.blocks) ? (call.args.blocks as Block[]) : [];
}

/** All text a person would read in a message (section texts, fields, context elements, buttons). */
export function visibleText(call: RecordedCall): string {
  const parts: string[] = [typeof call.args.text === 'string' ? call.args.text : ''];
  for (const block of blocksOf(call)) {
    if (block.text?.text) parts.push(block.text.text);
    for (const field of block.fields ?? []) if (field.text) parts.push(field.text);
    for (const element of block.elements ?? []) {
      if (typeof element.text === 'string') parts.push(element.text);
      else if (element.text?.text) parts.push(element.text.text);
    }
  }
  return parts.join('\n');
}

/** The interactive elements (buttons, selects) of a message. */
export function elementsOf(call: RecordedCall): Element[] {
  return blocksOf(call).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
}

/** The first button whose action_id matches. */
export function button(call: RecordedCall, actionId: RegExp | string): { action_id: string; value?: string } {
  const found = elementsOf(call).find((e) =>
    typeof actionId === 'string' ? e.action_id === actionId : actionId.test(e.action_id ?? ''),
  );
  if (!found?.action_id) throw new Error(`no button ${String(actionId)} in ${visibleText(call).slice(0, 200)}`);
  return { action_id: found.action_id, ...(found.value !== undefined ? { value: found.value } : {}) };
}
