type Json = Record<string, unknown>;

// JSON Schema keywords outside Google's OpenAPI subset: Gemini answers 400 when it meets them.
const DROPPED = new Set(['additionalProperties', '$schema', 'strict', '$defs', 'definitions', '$id']);

// A recursive $ref cannot be inlined; past this depth it is left out rather than looping.
const MAX_REF_DEPTH = 8;

function resolveRef(ref: string, defs: Json): Json | undefined {
  const name = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref)?.[1];
  const found = name === undefined ? undefined : defs[name];
  return found && typeof found === 'object' ? (found as Json) : undefined;
}

function clean(node: unknown, defs: Json, depth: number): unknown {
  if (Array.isArray(node)) return node.map((item) => clean(item, defs, depth));
  if (!node || typeof node !== 'object') return node;
  const schema = node as Json;
  if (typeof schema.$ref === 'string') {
    const target = depth < MAX_REF_DEPTH ? resolveRef(schema.$ref, defs) : undefined;
    return target ? clean(target, defs, depth + 1) : { type: 'object' };
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    out[key] = key === 'properties' ? cleanProperties(value, defs, depth) : clean(value, defs, depth);
  }
  // `type: ["string", "null"]` is JSON Schema; Google's subset spells it `nullable`.
  if (Array.isArray(out.type)) {
    const types = (out.type as unknown[]).filter((type) => type !== 'null');
    if (types.length < (out.type as unknown[]).length) out.nullable = true;
    out.type = types.length === 1 ? types[0] : types;
  }
  return out;
}

function cleanProperties(properties: unknown, defs: Json, depth: number): unknown {
  if (!properties || typeof properties !== 'object') return properties;
  return Object.fromEntries(
    Object.entries(properties as Json).map(([name, value]) => [name, clean(value, defs, depth)]),
  );
}

/** An OpenAI tool or response JSON schema reduced to the OpenAPI subset Gemini accepts. */
export function geminiSchema(schema: unknown): Json {
  if (!schema || typeof schema !== 'object') return { type: 'object', properties: {} };
  const defs = { ...((schema as Json).definitions as Json), ...((schema as Json).$defs as Json) };
  return clean(schema, defs, 0) as Json;
}
