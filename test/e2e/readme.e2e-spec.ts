import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { PROVIDER_ENV_DEFAULTS, SUPPORTED_SETTINGS } from '@switchyard/config';
import { describe, expect, it } from 'vitest';

/**
 * README.md is the project's front page and its configuration reference: these checks keep the
 * reference and the code from drifting apart. Adding a config key or reading a new environment
 * variable without documenting it fails here, and so does documenting one the code does not know.
 */

const ROOT = resolve(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** `### config.yaml: <place>` names a place of SUPPORTED_SETTINGS; `top level` is the root (''). */
const CONFIG_HEADING = /^### config\.yaml: (.+)$/;
const ENV_HEADING = '### Environment variables';
const TOP_LEVEL = 'top level';

/**
 * Environment variables the code reads that are not user settings, so the README need not list
 * them. Each entry says why. Empty today: every variable the gateway, worker and importer read is
 * a setting.
 */
const ENV_NOT_SETTINGS: ReadonlySet<string> = new Set<string>([]);

/** The sections of the README, keyed by their `###` heading line. */
function sections(markdown: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] | undefined;
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    if (!inFence && /^#{1,3} /.test(line)) {
      current = [];
      result.set(line.trim(), current);
    } else if (current) {
      current.push(line);
    }
  }
  return result;
}

/** The backticked names in the first column of every table row (header and separator skipped). */
function firstColumnNames(lines: readonly string[]): string[] {
  const rows = lines.filter((line) => line.trim().startsWith('|'));
  const names: string[] = [];
  for (const row of rows.slice(2)) {
    const firstCell = row.trim().slice(1).split('|')[0] ?? '';
    for (const match of firstCell.matchAll(/`([^`]+)`/g)) names.push(match[1] as string);
  }
  return names;
}

function difference(a: Iterable<string>, b: ReadonlySet<string>): string[] {
  return [...new Set(a)].filter((name) => !b.has(name)).sort();
}

function documentedConfigKeys(): Map<string, string[]> {
  const documented = new Map<string, string[]>();
  for (const [heading, lines] of sections(README)) {
    const match = CONFIG_HEADING.exec(heading);
    if (!match) continue;
    const place = match[1] === TOP_LEVEL ? '' : (match[1] as string);
    documented.set(place, firstColumnNames(lines));
  }
  return documented;
}

/** Source files of the apps and libs, without specs, test helpers and generated code. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name === 'node_modules' || name === 'generated' || name === 'testing') continue;
        walk(path);
      } else if (
        /\.tsx?$/.test(name) &&
        !/\.(spec|test|e2e-spec)\.tsx?$/.test(name) &&
        !name.endsWith('.d.ts')
      ) {
        files.push(path);
      }
    }
  };
  for (const top of ['apps', 'libs']) {
    for (const name of readdirSync(join(ROOT, top))) {
      const src = join(ROOT, top, name, 'src');
      if (existsSync(src)) walk(src);
    }
  }
  return files;
}

const NAME = '[\'"]([A-Z][A-Z0-9_]*)[\'"]';
/** The ways the code reads an environment variable by a literal name. */
const ENV_READS: readonly RegExp[] = [
  // readEnv(env, 'NAME'), intFromEnv('NAME', ...) and any other *Env*(…, 'NAME') helper.
  new RegExp(`\\b\\w*Env\\w*\\(\\s*(?:[\\w.]+\\s*,\\s*)?${NAME}`, 'g'),
  // env['NAME'], process.env['NAME']
  new RegExp(`\\benv\\[\\s*${NAME}\\s*\\]`, 'g'),
  // env.NAME, process.env.NAME (not Vite's build-time import.meta.env.X in browser code)
  /(?<!meta\.)\benv\.([A-Z][A-Z0-9_]*)\b/g,
];
/** const { A, B } = process.env */
const ENV_DESTRUCTURING = /\{([^{}]*)\}\s*=\s*process\.env\b/g;

function envVarsReadByCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8');
    const where = relative(ROOT, file);
    for (const pattern of ENV_READS) {
      for (const match of text.matchAll(pattern)) found.set(match[1] as string, where);
    }
    for (const match of text.matchAll(ENV_DESTRUCTURING)) {
      for (const part of (match[1] as string).split(',')) {
        const name = part.split(':')[0]?.trim() ?? '';
        if (/^[A-Z][A-Z0-9_]*$/.test(name)) found.set(name, where);
      }
    }
  }
  // The provider defaults are read through a list, not by literal name at the call.
  for (const params of Object.values(PROVIDER_ENV_DEFAULTS)) {
    for (const names of Object.values(params)) {
      for (const name of names ?? []) found.set(name, 'libs/config/src/provider-env-defaults.ts');
    }
  }
  return found;
}

describe('README.md configuration reference', () => {
  const documented = documentedConfigKeys();

  it('has one `### config.yaml: <place>` table per place of the supported settings', () => {
    const places = Object.keys(SUPPORTED_SETTINGS).sort();
    expect([...documented.keys()].sort()).toEqual(places);
  });

  it.each(Object.keys(SUPPORTED_SETTINGS).map((place) => [place === '' ? TOP_LEVEL : place, place]))(
    'documents every supported key of %s, and only those',
    (_label, place) => {
      const supported = new Set(SUPPORTED_SETTINGS[place]);
      const listed = documented.get(place) ?? [];
      expect(supported.size).toBeGreaterThan(0);
      expect({ undocumented: difference(supported, new Set(listed)) }).toEqual({ undocumented: [] });
      expect({ notSupported: difference(listed, supported) }).toEqual({ notSupported: [] });
      expect({ listedTwice: listed.filter((key, i) => listed.indexOf(key) !== i) }).toEqual({
        listedTwice: [],
      });
    },
  );
});

describe('README.md environment variables', () => {
  const lines = sections(README).get(ENV_HEADING);
  const documented = new Set(firstColumnNames(lines ?? []));
  const read = envVarsReadByCode();

  it('has the table', () => {
    expect(lines, `no "${ENV_HEADING}" section`).toBeDefined();
    expect(documented.size).toBeGreaterThan(0);
  });

  it('finds the variables the code reads (the scan itself works)', () => {
    for (const name of [
      'LITELLM_MASTER_KEY',
      'PORT',
      'SWITCHYARD_SHUTDOWN_GRACE_SECONDS',
      'OPENAI_API_KEY',
    ]) {
      expect(read.has(name), name).toBe(true);
    }
  });

  it('documents every variable the code reads', () => {
    const missing = [...read.keys()]
      .filter((name) => !documented.has(name) && !ENV_NOT_SETTINGS.has(name))
      .sort()
      .map((name) => `${name} (read in ${read.get(name)})`);
    expect({ undocumented: missing }).toEqual({ undocumented: [] });
  });

  it('documents only variables the code reads', () => {
    expect({ notRead: difference(documented, new Set(read.keys())) }).toEqual({ notRead: [] });
  });
});

describe('README.md commands and links', () => {
  it('mentions only npm scripts that exist', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const mentioned = new Set<string>();
    for (const match of README.matchAll(/\bnpm run ([\w:.-]+)/g)) mentioned.add(match[1] as string);
    for (const match of README.matchAll(/\bnpm (start|test)\b/g)) mentioned.add(match[1] as string);
    expect(mentioned.size).toBeGreaterThan(3);
    expect({ missing: [...mentioned].filter((name) => !(name in scripts)).sort() }).toEqual({ missing: [] });
  });

  it('links only to files that exist', () => {
    const broken: string[] = [];
    for (const match of README.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] as string;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
      const path = target.split('#')[0] as string;
      if (!existsSync(resolve(dirname(join(ROOT, 'README.md')), path))) broken.push(target);
    }
    expect({ broken }).toEqual({ broken: [] });
  });

  it('links to headings that exist', () => {
    const slugs = new Set(
      [...README.matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
        (match[1] as string)
          .toLowerCase()
          .replace(/[^\w\- ]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const broken = [...README.matchAll(/\]\(#([^)]+)\)/g)]
      .map((match) => match[1] as string)
      .filter((slug) => !slugs.has(slug));
    expect({ broken }).toEqual({ broken: [] });
  });
});
