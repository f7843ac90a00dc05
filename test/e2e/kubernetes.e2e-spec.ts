import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, posix, resolve } from 'node:path';

import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import {
  HorizontalPodAutoscaler,
  type IHorizontalPodAutoscaler,
} from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { type IJob, Job } from 'kubernetes-models/batch/v1/Job';
import {
  type IPodDisruptionBudget,
  PodDisruptionBudget,
} from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { type IService, Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = resolve(__dirname, '../..');
const BASE = join(ROOT, 'kubernetes/base');
const SECRET = 'switchyard-secrets';

interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  namespace?: string;
  resources: string[];
  configMapGenerator?: { name: string; files?: string[]; literals?: string[] }[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

// The official schemas (Kubernetes' OpenAPI definitions compiled to validators by kubernetes-models), by
// apiVersion and kind: an object of any other type fails the test rather than going unchecked.
type Validatable = { validate(): void };
const SCHEMAS: Record<string, new (data: never) => Validatable> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'batch/v1/Job': Job,
};

function validate(object: KubeObject): void {
  const Model = SCHEMAS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new Model(structuredClone(object) as never).validate();
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const kustomization = parse(readFileSync(join(BASE, 'kustomization.yaml'), 'utf8')) as Kustomization;

/** Every document of every file the kustomization lists, multi-document files included. */
function loadResources(): { file: string; object: KubeObject }[] {
  return kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(join(BASE, file), 'utf8')).flatMap((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]!.message}`);
      const object = document.toJS() as KubeObject | null;
      return object === null ? [] : [{ file, object }];
    }),
  );
}

/** The ConfigMaps of configMapGenerator, as kustomize builds them (less the hash suffix of the name). */
function generatedConfigMaps(): IConfigMap[] {
  return (kustomization.configMapGenerator ?? []).map((generator) => {
    const data: Record<string, string> = {};
    for (const file of generator.files ?? []) data[basename(file)] = readFileSync(join(BASE, file), 'utf8');
    for (const literal of generator.literals ?? []) {
      const at = literal.indexOf('=');
      data[literal.slice(0, at)] = literal.slice(at + 1);
    }
    return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data };
  });
}

const resources = loadResources();
const configMaps = generatedConfigMaps();
const objects: KubeObject[] = [...resources.map((r) => r.object), ...(configMaps as KubeObject[])];

function find<T>(kind: string, name: string): T {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in kubernetes/base`);
  return found as unknown as T;
}

const gateway = find<IDeployment>('Deployment', 'switchyard-gateway');
const worker = find<IDeployment>('Deployment', 'switchyard-worker');
const migrate = find<IJob>('Job', 'switchyard-migrate');
const podSpec = (workload: IDeployment | IJob): IPodSpec => workload.spec!.template.spec!;
const workloads: [string, IPodSpec][] = [
  ['gateway', podSpec(gateway)],
  ['worker', podSpec(worker)],
  ['migrate', podSpec(migrate)],
];
const containers = workloads.flatMap(([name, spec]) =>
  spec.containers.map((container) => ({ workload: name, spec, container })),
);
const envValue = (container: IContainer, name: string) => container.env?.find((e) => e.name === name);
const settings = configMaps.find((c) => c.metadata!.name === 'switchyard-env')!.data!;

/** The port a probe or a Service names (by name or number), as a port of the container. */
function containerPort(container: IContainer, port: number | string | undefined): number | undefined {
  return container.ports?.find((p) => p.containerPort === port || (p.name !== undefined && p.name === port))
    ?.containerPort;
}

/** GET routes of the health controller that need no key: `@Controller('health')` + `@Get('...')`. */
function healthRoutes(): Set<string> {
  const source = read('libs/health/src/health.controller.ts');
  const prefix = /@Controller\('([^']+)'\)/.exec(source)?.[1];
  const routes = new Set<string>();
  for (const [, args] of source.matchAll(/@Get\(([^)]+)\)/g)) {
    for (const [, path] of args!.matchAll(/'([^']+)'/g)) routes.add(`/${prefix}/${path}`);
  }
  return routes;
}

/** Whether the application reads an environment variable: documented in .env.example or read by libs/config. */
function readByApplication(): (name: string) => boolean {
  const documented = new Set([...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
  const configDir = join(ROOT, 'libs/config/src');
  const configSource = readdirSync(configDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => readFileSync(join(configDir, file), 'utf8'))
    .join('\n');
  const migrateCli = /\{([^}]*)\}\s*=\s*process\.env/.exec(read('libs/db/src/migrate-cli.ts'))?.[1] ?? '';
  return (name) =>
    documented.has(name) ||
    configSource.includes(`'${name}'`) ||
    migrateCli.split(',').some((n) => n.trim() === name);
}

/** The keys the README's `kubectl create secret generic switchyard-secrets` command sets. */
function documentedSecretKeys(): string[] {
  const readme = read('kubernetes/README.md');
  const command = /create secret generic switchyard-secrets([^`]*?)```/.exec(readme)?.[1] ?? '';
  return [...command.matchAll(/--from-literal=([A-Z_]+)=/g)].map((m) => m[1]!);
}

/** Every object under `value` that has the property `key`, at any depth. */
function collect<T>(value: unknown, key: string): T[] {
  if (Array.isArray(value)) return value.flatMap((v) => collect<T>(v, key));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return [
    ...(key in record ? [record[key] as T] : []),
    ...Object.values(record).flatMap((v) => collect<T>(v, key)),
  ];
}

const subset = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  Object.keys(selector ?? {}).length > 0 &&
  Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);

describe('kubernetes/ manifests', () => {
  describe('schemas', () => {
    it('validates every object, generated ConfigMaps included, against the Kubernetes schemas', () => {
      expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
        'ConfigMap/switchyard-config',
        'ConfigMap/switchyard-env',
        'Deployment/switchyard-gateway',
        'Deployment/switchyard-worker',
        'HorizontalPodAutoscaler/switchyard-gateway',
        'Job/switchyard-migrate',
        'Namespace/switchyard',
        'PodDisruptionBudget/switchyard-gateway',
        'Service/switchyard-gateway',
      ]);
      for (const object of objects) {
        expect(() => validate(object), `${object.kind} ${object.metadata.name}`).not.toThrow();
      }
    });

    it('rejects invalid objects, so the check above is not vacuous', () => {
      const stringReplicas = structuredClone(gateway) as unknown as KubeObject;
      (stringReplicas.spec as { replicas: unknown }).replicas = '2';
      expect(() => validate(stringReplicas)).toThrow(/replicas must be integer/);

      const namelessContainer = structuredClone(worker);
      const [container] = podSpec(namelessContainer).containers as Partial<IContainer>[];
      delete container!.name;
      expect(() => validate(namelessContainer as unknown as KubeObject)).toThrow(
        /containers\/0 must have required property name/,
      );

      const wrongVersion = {
        ...structuredClone(gateway),
        apiVersion: 'apps/v1beta9',
      } as unknown as KubeObject;
      expect(() => validate(wrongVersion)).toThrow(/no schema/);
    });

    it('builds with kustomize into the same objects, in the namespace', (context) => {
      const kubectl = spawnSync('kubectl', ['kustomize', BASE], { encoding: 'utf8' });
      if (kubectl.error) context.skip(); // no kubectl on this machine: the checks above still ran
      expect(kubectl.status, kubectl.stderr).toBe(0);
      const built = parseAllDocuments(kubectl.stdout).map((d) => d.toJS() as KubeObject);
      for (const object of built) {
        expect(() => validate(object), `${object.kind} ${object.metadata.name}`).not.toThrow();
        if (object.kind !== 'Namespace') expect(object.metadata.namespace).toBe(kustomization.namespace);
      }
      const names = (list: KubeObject[]) =>
        list.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '')}`).sort();
      expect(names(built)).toEqual(names(objects));
      const config = built.find((o) => o.metadata.name.startsWith('switchyard-config-')) as IConfigMap;
      expect(config.data!['config.yaml']).toBe(read('config.yaml'));
      // The Deployments point at the generated (hash-suffixed) ConfigMap.
      for (const object of built.filter((o) => o.kind === 'Deployment')) {
        const volume = podSpec(object as unknown as IDeployment).volumes!.find((v) => v.name === 'config')!;
        expect(volume.configMap!.name).toBe(config.metadata!.name);
      }
    });
  });

  describe('files', () => {
    it('lists every file of kubernetes/base in the kustomization, and only existing files', () => {
      const listed = [
        'kustomization.yaml',
        ...kustomization.resources,
        ...(kustomization.configMapGenerator ?? []).flatMap((g) => g.files ?? []),
      ];
      expect(readdirSync(BASE).sort()).toEqual([...new Set(listed)].sort());
    });

    it('ships config.yaml byte for byte as the ConfigMap switchyard-config', () => {
      const copy = readFileSync(join(BASE, 'config.yaml'));
      expect(
        copy.equals(readFileSync(join(ROOT, 'config.yaml'))),
        'kubernetes/base/config.yaml differs from config.yaml: cp config.yaml kubernetes/base/config.yaml',
      ).toBe(true);
      const configMap = configMaps.find((c) => c.metadata!.name === 'switchyard-config')!;
      expect(Object.keys(configMap.data!)).toEqual(['config.yaml']);
    });

    it('runs commands that exist in dist/ after the build, from the overridable image', () => {
      const images = new Set((kustomization.images ?? []).map((image) => image.name));
      for (const { workload, container } of containers) {
        const [node, entry, ...rest] = container.command ?? [];
        expect([node, rest], workload).toEqual(['node', []]);
        expect(entry, workload).toMatch(/^dist\/.+\.js$/);
        expect(existsSync(join(ROOT, entry!)), `${entry} (run npm run build)`).toBe(true);
        expect(images.has(container.image!.split(':')[0]!), `${workload} image`).toBe(true);
      }
      expect(containers.map((c) => c.container.command![1])).toEqual([
        'dist/apps/gateway/src/main.js',
        'dist/apps/worker/src/main.js',
        'dist/libs/db/src/migrate-cli.js',
      ]);
    });
  });

  describe('wiring', () => {
    it('probes the gateway on its unauthenticated health routes and the worker on its metrics port', () => {
      const routes = healthRoutes();
      expect(routes).toContain('/health/liveness');
      expect(routes).toContain('/health/readiness');
      const serves = (process: string, probe: IProbe, container: IContainer) => {
        const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
        expect(containerPort(container, port), `${process} probe port ${port}`).toBeDefined();
        if (!probe.httpGet) return;
        if (process === 'gateway') expect(routes).toContain(probe.httpGet.path);
        else expect(probe.httpGet.path).toBe('/metrics');
      };
      const gatewayContainer = podSpec(gateway).containers[0]!;
      expect(gatewayContainer.livenessProbe?.httpGet?.path).toBe('/health/liveness');
      expect(gatewayContainer.readinessProbe?.httpGet?.path).toBe('/health/readiness');
      expect(gatewayContainer.startupProbe?.httpGet?.path).toBe('/health/liveness');
      expect(read('apps/worker/src/metrics/worker-metrics.server.ts')).toContain("'/metrics'");
      for (const [process, spec] of workloads.slice(0, 2)) {
        for (const container of spec.containers) {
          for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
            expect(probe, `${process} probes`).toBeDefined();
            serves(process, probe!, container);
          }
        }
      }
      // The ports the processes listen on are the ones probed and exposed.
      expect(envValue(gatewayContainer, 'PORT')?.value).toBe(String(containerPort(gatewayContainer, 'http')));
      const workerContainer = podSpec(worker).containers[0]!;
      expect(envValue(workerContainer, 'WORKER_METRICS_PORT')?.value).toBe(
        String(containerPort(workerContainer, 'metrics')),
      );
    });

    it('selects the gateway pods, and only them, from the Service, the PDB and the HPA', () => {
      const service = find<IService>('Service', 'switchyard-gateway');
      const pdb = find<IPodDisruptionBudget>('PodDisruptionBudget', 'switchyard-gateway');
      const hpa = find<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'switchyard-gateway');
      const gatewayLabels = gateway.spec!.template.metadata!.labels;
      const workerLabels = worker.spec!.template.metadata!.labels;
      for (const [what, selector] of [
        ['Service', service.spec!.selector],
        ['PodDisruptionBudget', pdb.spec!.selector!.matchLabels],
        ['gateway Deployment', gateway.spec!.selector.matchLabels],
      ] as const) {
        expect(subset(selector, gatewayLabels), `${what} selects the gateway`).toBe(true);
        expect(subset(selector, workerLabels), `${what} selects the worker`).toBe(false);
      }
      expect(subset(worker.spec!.selector.matchLabels, workerLabels)).toBe(true);
      expect(service.spec!.type).toBe('ClusterIP');
      const [port] = service.spec!.ports!;
      expect(port!.port).toBe(4000);
      expect(containerPort(podSpec(gateway).containers[0]!, port!.targetPort)).toBe(4000);

      expect(hpa.spec!.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: gateway.metadata!.name,
      });
      expect(hpa.spec!.metrics!.map((m) => m.resource?.name)).toEqual(['cpu']);
      // The HPA owns the replica count; it keeps more pods than the PDB must keep, so drains can proceed.
      expect(gateway.spec!.replicas).toBeUndefined();
      expect(pdb.spec!.minAvailable).toBe(1);
      expect(hpa.spec!.minReplicas!).toBeGreaterThan(1);
    });

    it('references only ConfigMaps of the folder and the documented Secret, with its documented keys', () => {
      const secretKeys = documentedSecretKeys();
      expect(secretKeys.sort()).toEqual([
        'DATABASE_URL',
        'LITELLM_MASTER_KEY',
        'LITELLM_SALT_KEY',
        'REDIS_PASSWORD',
      ]);
      const configMapNames = new Set(
        objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name),
      );
      const secretKeyRefs = collect<{ name: string; key: string }>(objects, 'secretKeyRef');
      expect(secretKeyRefs.length).toBeGreaterThan(0);
      for (const ref of secretKeyRefs) {
        expect(ref.name).toBe(SECRET);
        expect(secretKeys).toContain(ref.key);
      }
      for (const ref of collect<{ name: string }>(objects, 'secretRef')) expect(ref.name).toBe(SECRET);
      expect(collect(objects, 'secretName')).toEqual([]);
      const configMapRefs = [
        ...collect<{ name: string }>(objects, 'configMapRef'),
        ...collect<{ name: string }>(objects, 'configMapKeyRef'),
        ...collect<{ name: string }>(objects, 'configMap'),
      ];
      expect(configMapRefs.length).toBeGreaterThan(0);
      for (const ref of configMapRefs) expect(configMapNames).toContain(ref.name);
      // No secret value in the folder: no Secret object, no literal value for a secret's name.
      expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
      for (const { container } of containers) {
        for (const key of secretKeys) expect(envValue(container, key)?.value).toBeUndefined();
      }
      for (const key of secretKeys) expect(settings).not.toHaveProperty(key);
    });

    it('sets only environment variables the application reads', () => {
      const reads = readByApplication();
      const names = [
        ...containers.flatMap(({ container }) => (container.env ?? []).map((e) => e.name)),
        ...Object.keys(settings),
        ...documentedSecretKeys(),
      ];
      for (const name of new Set(names)) expect(reads(name), `${name} is read by the application`).toBe(true);
    });

    it('points CONFIG_FILE_PATH at the mounted config.yaml', () => {
      for (const { workload, spec, container } of containers.filter((c) => c.workload !== 'migrate')) {
        const path = envValue(container, 'CONFIG_FILE_PATH')?.value ?? '';
        const mount = container.volumeMounts?.find((m) => posix.dirname(path) === m.mountPath);
        const volume = spec.volumes?.find((v) => v.name === mount?.name);
        expect(volume?.configMap?.name, `${workload} mounts the config at ${path}`).toBe('switchyard-config');
        expect(find<IConfigMap>('ConfigMap', 'switchyard-config').data).toHaveProperty(posix.basename(path));
      }
    });

    it('shares state only through PostgreSQL and Redis', () => {
      expect(settings.REDIS_HOST).toBeTruthy();
      for (const { workload, spec, container } of containers) {
        expect(envValue(container, 'DATABASE_URL')?.valueFrom?.secretKeyRef?.name, workload).toBe(SECRET);
        // Pod-local volumes only: nothing a second replica could share or depend on.
        for (const volume of spec.volumes ?? []) {
          expect(Boolean(volume.emptyDir ?? volume.configMap), `${workload} volume ${volume.name}`).toBe(
            true,
          );
        }
        if (workload !== 'migrate') {
          expect(container.envFrom?.map((e) => e.configMapRef?.name)).toContain('switchyard-env');
        }
      }
    });
  });

  describe('operations', () => {
    it('runs as non-root on a read-only root filesystem, with emptyDirs for what is written', () => {
      for (const { workload, spec, container } of containers) {
        expect(spec.securityContext?.runAsNonRoot, workload).toBe(true);
        expect(spec.securityContext?.runAsUser, workload).toBeGreaterThan(0);
        expect(container.securityContext?.readOnlyRootFilesystem, workload).toBe(true);
        expect(container.securityContext?.allowPrivilegeEscalation, workload).toBe(false);
        expect(container.resources?.requests, workload).toBeDefined();
        expect(container.resources?.limits?.memory, workload).toBeDefined();
        // The spend spool is written beside SWITCHYARD_DATA_DIR: it must land on a writable volume.
        const dataDir = envValue(container, 'SWITCHYARD_DATA_DIR')?.value;
        if (dataDir === undefined) continue;
        const mount = container.volumeMounts?.find((m) => dirname(dataDir).startsWith(m.mountPath));
        expect(
          spec.volumes?.find((v) => v.name === mount?.name)?.emptyDir,
          `${workload} spool`,
        ).toBeDefined();
        expect(mount?.readOnly).not.toBe(true);
      }
    });

    it('gives the gateway time to stop routing, drain and close before it is killed', () => {
      const spec = podSpec(gateway);
      const preStop = spec.containers[0]!.lifecycle?.preStop?.exec?.command ?? [];
      expect(preStop[0]).toBe('sleep');
      const pause = Number(preStop[1]);
      expect(pause).toBeGreaterThan(0);
      const grace = /DEFAULT_SHUTDOWN_GRACE_SECONDS = (\d+)/.exec(read('libs/config/src/env-settings.ts'));
      const forcedClose = /FORCED_CLOSE_MS = ([\d_]+)/.exec(read('libs/kernel/src/shutdown.ts'));
      expect(grace, 'the gateway default shutdown grace').not.toBeNull();
      expect(forcedClose, 'the forced close after the grace').not.toBeNull();
      const needed = pause + Number(grace![1]) + Number(forcedClose![1]!.replaceAll('_', '')) / 1000;
      expect(spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(needed);
    });

    it('announces the metrics ports to Prometheus', () => {
      for (const workload of [gateway, worker]) {
        const annotations = workload.spec!.template.metadata!.annotations!;
        expect(annotations['prometheus.io/scrape']).toBe('true');
        expect(annotations['prometheus.io/path']).toBe('/metrics');
        const port = Number(annotations['prometheus.io/port']);
        expect(containerPort(podSpec(workload).containers[0]!, port)).toBe(port);
      }
    });

    it('lets the README apply the migration Job alone, by its label', () => {
      expect(read('kubernetes/README.md')).toContain('-l app.kubernetes.io/component=migrate');
      const labelled = objects.filter(
        (o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'migrate',
      );
      expect(labelled.map((o) => o.kind)).toEqual(['Job']);
      expect(['Never', 'OnFailure']).toContain(podSpec(migrate).restartPolicy);
      const namespace = objects.find((o) => o.kind === 'Namespace')!;
      expect(namespace.metadata.name).toBe(kustomization.namespace);
    });
  });
});
