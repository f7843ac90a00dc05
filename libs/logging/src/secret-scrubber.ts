/** What a secret becomes in a log line. */
export const REDACTED = '*****';

/** Shorter values are not scrubbed: replacing `test` or `none` everywhere would mangle every line. */
export const MIN_SECRET_LENGTH = 6;

/**
 * Credential shapes scrubbed even when no config names them (virtual keys are made at run time):
 * `sk-` keys and Google `AIza` keys, bearer/basic credentials, `key=` query values, and the quoted
 * value of a credential-named field or header at any depth (`"x-api-key":"..."`, `password: '...'`
 * as util.inspect prints it), which pino's redact paths only cover at known places. Each keeps its prefix
 * (group) and loses the rest.
 */
const SHAPES = [
  String.raw`\b(sk-|AIza)[A-Za-z0-9_-]{16,}`,
  String.raw`\b((?:[Bb]earer|[Bb]asic)\s+)[A-Za-z0-9._~+/=-]{8,}`,
  String.raw`([?&](?:key|api[-_]?key|access_token)=)[^&\s"'\\]+`,
  String.raw`\b((?:x-goog-|x-|proxy-)?(?:api[-_]?key|apiKey|authorization|Authorization|cookie|password|client_secret|master_?[kK]ey|secret_?[aA]ccess_?[kK]ey|session_?[tT]oken)["']?\s*[:=]\s*["'])(?:[Bb]earer\s+|[Bb]asic\s+)?[^"'\s,;}]+`,
];
/** Stands for "no configured secret" in the pattern (two noncharacters no log line contains). */
const NO_SECRET = '\uFFFF\uFFFE';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret takes in a log line: as is, JSON-escaped (inside a JSON string) and URL-encoded. */
function variantsOf(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

/**
 * Replaces every configured secret, and anything shaped like a credential, with `*****` in a log
 * line. One precompiled regular expression, one pass per line; secrets are matched longest first so
 * that a secret containing another is scrubbed whole.
 */
export class SecretScrubber {
  private readonly secrets = new Set<string>();
  private pattern: RegExp = SecretScrubber.compile([]);

  constructor(secrets: Iterable<string>) {
    this.add(secrets);
  }

  /** How many distinct secret values are scrubbed. */
  get secretCount(): number {
    return this.secrets.size;
  }

  /**
   * Scrubs these values too from now on (credentials learnt at run time, e.g. a deployment stored
   * in the database); values shorter than MIN_SECRET_LENGTH are ignored.
   */
  add(secrets: Iterable<string>): void {
    const before = this.secrets.size;
    for (const secret of secrets) if (secret.length >= MIN_SECRET_LENGTH) this.secrets.add(secret);
    if (this.secrets.size !== before) this.pattern = SecretScrubber.compile(this.secrets);
  }

  /** @hotpath The text with every secret replaced by `*****`. */
  scrub(text: string): string {
    return text.replace(this.pattern, replace);
  }

  private static compile(secrets: Iterable<string>): RegExp {
    const literals = new Set<string>();
    for (const secret of secrets) for (const variant of variantsOf(secret)) literals.add(variant);
    const sorted = [...literals].sort((a, b) => b.length - a.length).map(escapeRegExp);
    // The first group is always there, so the shapes' group numbers stay fixed.
    const literal = `(${sorted.length > 0 ? sorted.join('|') : NO_SECRET})`;
    return new RegExp([literal, ...SHAPES].join('|'), 'g');
  }
}

function replace(_match: string, literal?: string, ...prefixes: unknown[]): string {
  if (literal !== undefined) return REDACTED;
  for (let i = 0; i < SHAPES.length; i++) {
    const prefix = prefixes[i];
    if (typeof prefix === 'string') return `${prefix}${REDACTED}`;
  }
  return REDACTED;
}
