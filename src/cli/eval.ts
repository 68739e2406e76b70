/** Placeholder until the matcher evaluation command lands (another change overwrites this file). */
export async function runEval(_argv: string[]): Promise<number> {
  process.stderr.write('eval: not built yet\n');
  return 2;
}
