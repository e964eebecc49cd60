// Exit codes are part of the CLI's interface (scripts test them); see `--help`.

export const EXIT = {
  ok: 0,
  /** Something failed at run time (I/O, the server, the audit log). */
  failure: 1,
  /** Bad arguments, unknown folder or session: a clear message, and nothing was changed. */
  usage: 2,
  /** `check` found sessions or files the server would drop. */
  issues: 3,
  /** Some sessions were changed, others failed. */
  partial: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error with the exit code it maps to; its message is printed as is. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(EXIT.usage, message);
}
