// A small command-line parser: --name value, --name=value, -h, --no-<boolean>, and "--" to end the options.
// It knows nothing about S3; each command declares its options and checks the values itself.

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose --help to point at, or undefined for the top level. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** A string option that may be given more than once (--tag a=1 --tag b=2): every value, in order, in `repeated`. */
  multiple?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface ParsedArgs {
  positionals: string[];
  /** Strings for string options, booleans for boolean ones; absent when not given. Last one given wins. */
  values: Record<string, string | boolean | undefined>;
  /** Every value of each option declared `multiple`, in the order given (absent when not given). */
  repeated: Record<string, string[]>;
}

export function parseArgs(argv: string[], specs: OptionSpecs, command?: string): ParsedArgs {
  const positionals: string[] = [];
  const values: ParsedArgs['values'] = {};
  const repeated: ParsedArgs['repeated'] = {};
  const setString = (name: string, value: string) => {
    values[name] = value;
    if (specs[name]?.multiple) (repeated[name] ??= []).push(value);
  };
  const shorts = new Map(Object.entries(specs).flatMap(([name, s]) => (s.short ? [[s.short, name] as const] : [])));

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      const spec = specs[name];
      if (!spec) {
        const negated = name.startsWith('no-') ? name.slice(3) : undefined;
        if (negated && specs[negated]?.type === 'boolean' && inline === undefined) {
          values[negated] = false;
          continue;
        }
        throw new UsageError(`Unknown option --${name}.`, command);
      }
      if (spec.type === 'boolean') {
        if (inline !== undefined) throw new UsageError(`Option --${name} takes no value (got "${inline}").`, command);
        values[name] = true;
      } else if (inline !== undefined) {
        setString(name, inline);
      } else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2))
          throw new UsageError(`Option --${name} needs a value.`, command);
        setString(name, next);
        i++;
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const name = shorts.get(arg.slice(1));
      if (!name || specs[name]!.type !== 'boolean') throw new UsageError(`Unknown option ${arg}.`, command);
      values[name] = true;
      continue;
    }
    positionals.push(arg);
  }
  return { positionals, values, repeated };
}

/** A whole number in [min, max], or a UsageError naming the option. */
export function parseCount(raw: string, option: string, min: number, max: number, command?: string): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${option} must be a whole number from ${min} to ${max} (got "${raw}").`, command);
  }
  return n;
}
