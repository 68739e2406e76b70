import type { Locale } from '../model/message.js';
import type { Catalogue, UiEntry } from './catalogue.js';
import { placeholdersIn } from './messages.js';
import type { Problem } from './problem.js';

/** Each UI string uses exactly the placeholders it declares in `params`. */
function placeholderProblems(key: string, entry: UiEntry): Problem[] {
  const used = placeholdersIn(entry.text);
  const problems: Problem[] = [];
  for (const name of used.filter((name) => !entry.params.includes(name))) {
    problems.push({ file: entry.file, id: key, message: `placeholder {${name}} is not declared in params` });
  }
  for (const name of entry.params.filter((name) => !used.includes(name))) {
    problems.push({
      file: entry.file,
      id: key,
      message: `param "${name}" is declared but not used in the text`,
    });
  }
  return problems;
}

function sameParams(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().every((name, i) => name === [...b].sort()[i]);
}

/** Keys present in `from` but not in `to`, and keys whose params differ. */
function localeMismatches(ui: Catalogue['ui'], from: Locale, to: Locale): Problem[] {
  const problems: Problem[] = [];
  for (const [key, entry] of ui[from]) {
    const other = ui[to].get(key);
    if (!other) {
      problems.push({ file: entry.file, id: key, message: `UI key missing in ${to}` });
    } else if (from === 'fr' && !sameParams(entry.params, other.params)) {
      problems.push({
        file: other.file,
        id: key,
        message: `params [${other.params.join(', ')}] differ from fr [${entry.params.join(', ')}]`,
      });
    }
  }
  return problems;
}

/** UI checks: declared placeholders match their use; French and English have the same keys and params. */
export function validateUi(ui: Catalogue['ui']): Problem[] {
  const problems: Problem[] = [];
  for (const locale of ['fr', 'en'] as const) {
    for (const [key, entry] of ui[locale]) problems.push(...placeholderProblems(key, entry));
  }
  problems.push(...localeMismatches(ui, 'fr', 'en'), ...localeMismatches(ui, 'en', 'fr'));
  return problems;
}
