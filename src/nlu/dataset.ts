import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Labelled rows read from JSONL files: the eval set format and the public datasets' format. */

/** The label of a question no intent covers, in eval files. */
export const OUT_OF_SCOPE = 'out_of_scope';

export const LabelledRow = z.object({
  text: z.string(),
  intent: z.string(),
  split: z.string().optional(),
});
export type LabelledRow = z.infer<typeof LabelledRow>;

/** Reads a JSONL file of `{text, intent[, split]}` rows; names the line of a bad row. */
export function readJsonl(path: string): LabelledRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const parsed = LabelledRow.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${number}: not a {text, intent} row`);
      return parsed.data;
    });
}
