/** Where a command writes: standard output for results, standard error for problems and usage. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Exit codes shared by every command. */
export const ExitCode = { Ok: 0, Problems: 1, Usage: 2 } as const;
