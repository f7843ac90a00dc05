export const SECTIONS = [
  'budgets',
  'organizations',
  'users',
  'teams',
  'team memberships',
  'organization memberships',
  'keys',
] as const;
export type Section = (typeof SECTIONS)[number];

interface Tally {
  copied: number;
  present: number;
  skipped: number;
}

interface Line {
  readonly section: Section;
  readonly subject: string;
  readonly text: string;
}

/** What one run copied, found already present, skipped (and why), and changed on the way. */
export class ImportReport {
  private readonly tallies = new Map<Section, Tally>(
    SECTIONS.map((section) => [section, { copied: 0, present: 0, skipped: 0 }]),
  );
  readonly skips: Line[] = [];
  readonly notes: Line[] = [];
  absentTables: readonly string[] = [];

  copied(section: Section, subject: string, notes: readonly string[]): void {
    this.tally(section).copied++;
    for (const text of notes) this.notes.push({ section, subject, text });
  }

  present(section: Section): void {
    this.tally(section).present++;
  }

  skipped(section: Section, subject: string, reason: string): void {
    this.tally(section).skipped++;
    this.skips.push({ section, subject, text: reason });
  }

  tally(section: Section): Tally {
    return this.tallies.get(section) as Tally;
  }

  total(field: keyof Tally): number {
    return SECTIONS.reduce((sum, section) => sum + this.tally(section)[field], 0);
  }
}

export function formatReport(report: ImportReport, source: string, target: string): string {
  const width = Math.max(...SECTIONS.map((s) => s.length)) + 1;
  const lines = [
    `LiteLLM import: ${source} -> ${target}`,
    'Rows already in the target (same id; keys: same hash) are left as they are, never overwritten.',
    '',
    ...SECTIONS.map((section) => {
      const { copied, present, skipped } = report.tally(section);
      return `  ${`${section}:`.padEnd(width)} ${copied} copied, ${present} already present, ${skipped} skipped`;
    }),
  ];
  if (report.absentTables.length > 0) {
    lines.push(
      '',
      `Tables absent from the source (older LiteLLM release), nothing copied from them: ${report.absentTables.join(', ')}`,
    );
  }
  if (report.skips.length > 0) {
    lines.push('', `Skipped (${report.skips.length}):`);
    for (const skip of report.skips) lines.push(`  ${skip.section}: ${skip.subject}: ${skip.text}`);
  }
  if (report.notes.length > 0) {
    lines.push('', `Copied with changes (${report.notes.length}):`);
    for (const note of report.notes) lines.push(`  ${note.section}: ${note.subject}: ${note.text}`);
  }
  lines.push(
    '',
    `Done: ${report.total('copied')} copied, ${report.total('present')} already present, ${report.total('skipped')} skipped.`,
  );
  return lines.join('\n');
}
