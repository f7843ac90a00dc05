import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { debianPackage } from '../support/debian-package';

const ROOT = resolve(__dirname, '../..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const ENV_EXAMPLE = join(ROOT, '.env.example');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: ({ published: string | number; target: number } | string)[];
  volumes?: ({ type: string; source: string; target: string; read_only?: boolean } | string)[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
  profiles?: string[];
}

/** `NAME=value` lines of an env file, each with whether a comment opens its block (lines up to a blank one). */
function envFile(text: string): Map<string, { value: string; documented: boolean }> {
  const entries = new Map<string, { value: string; documented: boolean }>();
  let commented = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '') commented = false;
    else if (line.startsWith('#')) commented = true;
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) entries.set(match[1]!, { value: match[2]!, documented: commented });
  }
  return entries;
}

/** A service's bind mounts, from the long or the short (`/abs/source:/target:ro`) syntax. */
function bindMounts(service: Service): { source: string; target: string; readOnly: boolean }[] {
  return (service.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'object') {
      return volume.type === 'bind'
        ? [{ source: volume.source, target: volume.target, readOnly: volume.read_only === true }]
        : [];
    }
    const [source, target, mode] = volume.split(':');
    return source?.startsWith('/') && target ? [{ source, target, readOnly: mode === 'ro' }] : [];
  });
}

describe('docker-compose.yml (validated by docker-compose, no engine needed)', () => {
  let compose: string;
  let work: string;
  const run = (args: string[], envFilePath = ENV_EXAMPLE) =>
    spawnSync(
      compose,
      ['--project-directory', ROOT, '-f', COMPOSE_FILE, '--env-file', envFilePath, ...args],
      {
        cwd: work,
        encoding: 'utf8',
        // Only the env file speaks: nothing of the test runner's environment leaks into the model.
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: work },
      },
    );
  const config = (
    profile?: string,
  ): { services: Record<string, Service>; volumes?: Record<string, unknown> } => {
    const result = run([...(profile ? ['--profile', profile] : []), 'config']);
    expect(result.stderr.replace(/^.*WARNING.*$/gm, '').trim(), result.stderr).toBe('');
    expect(result.status).toBe(0);
    return parse(result.stdout) as { services: Record<string, Service> };
  };

  beforeAll(() => {
    compose = debianPackage('docker-compose', ['docker-compose'] as const)['docker-compose'];
    work = mkdtempSync(join(tmpdir(), 'switchyard-compose-'));
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('runs the gateway, worker, PostgreSQL 16 and Redis 7, waiting for healthy dependencies', () => {
    const { services } = config();
    const always = Object.keys(services).filter((name) => !services[name]!.profiles?.length);
    expect(always.sort()).toEqual(['gateway', 'postgres', 'redis', 'worker']);
    const { gateway, worker, postgres, redis } = services as Record<string, Service>;
    expect(postgres!.image).toBe('postgres:16');
    expect(redis!.image).toBe('redis:7');
    for (const store of [postgres!, redis!]) expect(store.healthcheck?.test.length).toBeGreaterThan(0);
    for (const app of [gateway!, worker!]) {
      expect(app.restart).toBe('on-failure');
      expect(app.depends_on?.['postgres']?.condition).toBe('service_healthy');
      expect(app.depends_on?.['redis']?.condition).toBe('service_healthy');
      expect(app.healthcheck?.test.length).toBeGreaterThan(0);
      // The master key comes from .env, through the variable LiteLLM reads.
      expect(app.environment?.['LITELLM_MASTER_KEY']).toBe('sk-change-me-master-key');
      expect(app.environment?.['DATABASE_URL']).toMatch(
        /^postgresql:\/\/switchyard:[^@]+@postgres:5432\/switchyard$/,
      );
      expect(app.environment?.['REDIS_HOST']).toBe('redis');
    }
    // One image, two commands.
    expect(worker!.image).toBe(gateway!.image);
    expect(gateway!.command).toEqual(['node', 'dist/apps/gateway/src/main.js']);
    expect(worker!.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(worker!.depends_on?.['gateway']?.condition).toBe('service_healthy');
    expect(gateway!.ports).toContainEqual(expect.objectContaining({ published: 4000, target: 4000 }));
    expect(bindMounts(gateway!)).toContainEqual({
      source: join(ROOT, 'config.yaml'),
      target: '/app/config.yaml',
      readOnly: true,
    });
  });

  it('adds Prometheus and Grafana with the project dashboard under the monitoring profile', () => {
    const { services } = config('monitoring');
    expect(Object.keys(services).sort()).toEqual([
      'gateway',
      'grafana',
      'postgres',
      'prometheus',
      'redis',
      'worker',
    ]);
    for (const name of ['prometheus', 'grafana']) expect(services[name]!.profiles).toEqual(['monitoring']);
    const mounts = [...bindMounts(services['prometheus']!), ...bindMounts(services['grafana']!)];
    const targets = mounts.map((mount) => mount.target);
    expect(targets).toContain('/etc/prometheus/prometheus.yml');
    expect(targets).toContain('/etc/grafana/provisioning');
    expect(targets).toContain('/var/lib/grafana/dashboards/switchyard-dashboard.json');
    // Every bind-mounted file of the profile is in the repository.
    for (const mount of mounts) expect(existsSync(mount.source), mount.source).toBe(true);
    // The provisioned dashboard folder is where the dashboard is mounted, and the data source is the profile's Prometheus.
    const provisioning = join(ROOT, 'libs/metrics/monitoring/grafana/provisioning');
    const dashboards = parse(readFileSync(join(provisioning, 'dashboards/switchyard.yml'), 'utf8')) as {
      providers: { options: { path: string } }[];
    };
    expect(dashboards.providers[0]!.options.path).toBe('/var/lib/grafana/dashboards');
    const datasources = parse(readFileSync(join(provisioning, 'datasources/prometheus.yml'), 'utf8')) as {
      datasources: { url: string }[];
    };
    expect(datasources.datasources[0]!.url).toBe('http://prometheus:9090');
    const scrape = parse(
      readFileSync(join(ROOT, 'libs/metrics/monitoring/prometheus/prometheus.yml'), 'utf8'),
    ) as {
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    const scraped = scrape.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
    expect(scraped).toEqual(expect.arrayContaining(['gateway:4000', 'worker:9091']));
    expect(services['worker']!.environment?.['WORKER_METRICS_PORT']).toBe('9091');
  });

  it('documents in .env.example, with a comment, every variable the file uses, and nothing else', () => {
    const used = new Set(
      [...readFileSync(COMPOSE_FILE, 'utf8').matchAll(/(?<!\$)\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!),
    );
    const documented = envFile(readFileSync(ENV_EXAMPLE, 'utf8'));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
    expect([...documented.keys()].filter((name) => !used.has(name))).toEqual([]);
    expect([...documented].filter(([, entry]) => !entry.documented).map(([name]) => name)).toEqual([]);
  });

  it('refuses to start without the required secrets, naming the missing one', () => {
    const withoutMasterKey = join(work, 'no-master-key.env');
    writeFileSync(
      withoutMasterKey,
      readFileSync(ENV_EXAMPLE, 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('LITELLM_MASTER_KEY='))
        .join('\n'),
    );
    const result = run(['config'], withoutMasterKey);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('set LITELLM_MASTER_KEY in .env');
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => /^[A-Z]+ /.test(line));

  it('builds on Node 24 slim in stages and runs as a non-root user with a liveness health check', () => {
    const froms = instructions.filter((line) => line.startsWith('FROM '));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toMatch(/^FROM node:24-slim\b/);
    expect(instructions).toContain('USER node');
    expect(instructions.find((line) => line.startsWith('HEALTHCHECK '))).toContain('/health/liveness');
    expect(instructions.find((line) => line.startsWith('RUN ') && line.includes('npm prune'))).toContain(
      '--omit=dev',
    );
    expect(instructions.at(-1)).toBe('CMD ["node", "dist/apps/gateway/src/main.js"]');
  });

  it('copies only what the repository has and .dockerignore lets through', () => {
    const sources = instructions
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(join(ROOT, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
  });
});
