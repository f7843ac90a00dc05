const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  mo: 2_592_000_000,
};

const DURATION = /^(\d+)(s|m|h|d|w|mo)$/;

/** LiteLLM's durations (`30s`, `10m`, `1h`, `30d`, `2w`, `1mo`) in milliseconds; undefined if malformed. */
export function parseDuration(value: string): number | undefined {
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = UNIT_MS[match[2] as string] as number;
  return amount > 0 ? amount * unit : undefined;
}
