import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type {
  SchemaContainer,
  SchemaEngine,
  SchemaFilter,
} from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { MigrationList, SchemaContainer } from '@prisma/schema-engine-wasm/schema_engine_bg';

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/** Node's global WebAssembly: the project's `lib` (no DOM) declares none. */
const { WebAssembly: wasmRuntime } = globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  };
};

let initialised = false;
let activeEngines = 0;
const engineTimers = new Set<NodeJS.Timeout>();

/**
 * Instantiates Prisma's schema engine compiled to WebAssembly. The package's own entry point
 * imports the `.wasm` as an ES module, which only a bundler can do, so the instance is built here.
 */
function loadSchemaEngine(): typeof bindings.SchemaEngine {
  if (!initialised) {
    const folder = dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const module = new wasmRuntime.Module(readFileSync(join(folder, 'schema_engine_bg.wasm')));
    const imports = { ...bindings, ...trackedSetTimeout() };
    const instance = new wasmRuntime.Instance(module, { './schema_engine_bg.js': imports });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    initialised = true;
  }
  return bindings.SchemaEngine;
}

/**
 * Every migration run arms a 10 s timer (a lock timeout) that the engine never clears, so a CLI
 * would wait 10 s before exiting; timers left once no engine is running are cleared instead.
 */
function trackedSetTimeout(): Record<string, unknown> {
  const name = Object.keys(bindings).find((key) => key.startsWith('__wbg_setTimeout_'));
  if (!name) return {};
  return {
    [name]: (callback: () => void, ms: number) => {
      const timer = setTimeout(() => {
        engineTimers.delete(timer);
        callback();
      }, ms >>> 0);
      engineTimers.add(timer);
      return timer;
    },
  };
}

/** Runs `work` with an engine on `factory`'s database, freeing the engine afterwards. */
export async function withSchemaEngine<T>(
  schema: SchemaContainer,
  factory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  activeEngines++;
  try {
    const engine = await loadSchemaEngine().new(
      { datamodels: [[schema.path, schema.content]] },
      () => undefined,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } finally {
    if (--activeEngines === 0) {
      for (const timer of engineTimers) clearTimeout(timer);
      engineTimers.clear();
    }
  }
}
