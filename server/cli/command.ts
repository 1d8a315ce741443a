// What every CLI subcommand provides, and argument parsing shared by them.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  usage: string;
  /** Resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Bad usage: reported with the command's usage text and exit code 2. */
export class UsageError extends Error {}

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`);
}
