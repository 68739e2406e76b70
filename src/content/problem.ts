/** One thing wrong with the content, printed as `file: id: message`. */
export interface Problem {
  /** Path relative to the content root, with `/` separators. */
  file: string;
  /** Intent id or UI key concerned; `-` when the file gives none. */
  id: string;
  message: string;
}

/** The one-line form the CLI prints. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}: ${problem.id}: ${problem.message}`;
}
