import { parseIntSetting } from './env-values';

export interface CliArgs {
  config?: string;
  port?: number;
  host?: string;
  numWorkers?: number;
  /** Flags and arguments this build ignores (flag names only, values are not repeated). */
  unknownFlags: string[];
  /** Invalid values of known flags, as `--port: ...` lines. */
  problems: string[];
}

type KnownFlag = 'config' | 'port' | 'host' | 'num_workers';

const FLAG_NAMES: Readonly<Record<string, KnownFlag>> = {
  '--config': 'config',
  '-c': 'config',
  '--port': 'port',
  '--host': 'host',
  '--num_workers': 'num_workers',
};

/**
 * Parses LiteLLM's proxy flags from the arguments after the script (`process.argv.slice(2)`):
 * `--config`/`-c`, `--port`, `--host`, `--num_workers`, as `--flag value` or `--flag=value`.
 *
 * Hand-rolled rather than util.parseArgs: with strict:false, parseArgs takes the next flag as a
 * missing value (`--port --host h` gives port "--host") and splits unknown flags from their values.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const result: CliArgs = { unknownFlags: [], problems: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      result.unknownFlags.push(...argv.slice(i + 1).map((rest) => JSON.stringify(rest)));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      result.unknownFlags.push(JSON.stringify(arg));
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const known = FLAG_NAMES[name];
    const next = argv[i + 1];
    const nextIsValue = next !== undefined && !next.startsWith('-');
    if (known === undefined) {
      // An unknown flag's value (`--model gpt-4o`) goes with it, so it is not reported separately.
      if (eq < 0 && nextIsValue) i++;
      result.unknownFlags.push(name);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (nextIsValue) value = argv[++i];
    if (value === undefined || value === '') {
      result.problems.push(`${name}: missing value`);
      continue;
    }
    applyFlag(result, known, name, value);
  }
  return result;
}

function applyFlag(result: CliArgs, flag: KnownFlag, name: string, value: string): void {
  if (flag === 'config') result.config = value;
  else if (flag === 'host') result.host = value;
  else {
    const parsed =
      flag === 'port' ? parseIntSetting(name, value, 0, 65535) : parseIntSetting(name, value, 1, 1024);
    if ('problem' in parsed) result.problems.push(parsed.problem);
    else if (flag === 'port') result.port = parsed.value;
    else result.numWorkers = parsed.value;
  }
}
