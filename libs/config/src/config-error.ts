/**
 * Thrown when the configuration cannot be loaded. The message names the config file and lists
 * every problem found, one `<path>: <what is wrong>` line each; it never contains secret values.
 */
export class ConfigError extends Error {
  /** Absolute path of the config file concerned. */
  readonly configPath: string;
  readonly problems: readonly string[];

  constructor(configPath: string, problems: readonly string[], heading?: string) {
    const head = heading ?? `invalid configuration in ${configPath}`;
    super(problems.length > 0 ? `${head}:\n${problems.join('\n')}` : head);
    this.name = 'ConfigError';
    this.configPath = configPath;
    this.problems = Object.freeze([...problems]);
  }
}
