export const USAGE =
  'Usage: npm run import:litellm -- --from <postgres url of the LiteLLM database>\n' +
  'Copies LiteLLM users, teams, memberships, organisations, budgets and keys into the database\n' +
  'the gateway uses (DATABASE_URL, as for the gateway). The source is only read.';

/** `--from <url>` or `--from=<url>`; other flags (`--config`) are the gateway's own. */
export function sourceUrlOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--from') return argv[i + 1] || undefined;
    if (arg.startsWith('--from=')) return arg.slice('--from='.length) || undefined;
  }
  return undefined;
}
