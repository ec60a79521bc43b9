/**
 * The exit-code contract every command-line edge shares: 0 done (or `main`'s own code), 2 bad input data (the
 * error's message: every problem with its file and line), 1 anything else, with the usage text after a wrong
 * argument. Scripts rely on these codes, so they are decided in one place.
 */
export class UsageError extends Error {}

/** The option `--name`'s value as a whole number ≥ min (undefined when absent); anything else is a UsageError. */
export function wholeNumber(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(Number.isSafeInteger(value) && value >= min))
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, got ${JSON.stringify(text)}`);
  return value;
}

type ErrorClass = abstract new (...args: never[]) => Error;

export function runCli(main: () => Promise<number | void>, opts: { usage: string; inputErrors: ErrorClass[] }): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      if (opts.inputErrors.some((E) => err instanceof E)) {
        console.error((err as Error).message);
        process.exit(2);
      }
      const message = err instanceof Error ? err.message : String(err);
      const usage = err instanceof UsageError || String((err as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS");
      console.error(usage ? `${message}\n${opts.usage}` : message);
      process.exit(1);
    },
  );
}
