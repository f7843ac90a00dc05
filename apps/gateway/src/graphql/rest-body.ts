/** `keyAlias` → `key_alias`. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * A GraphQL input as the body of the equivalent REST request (LiteLLM's snake_case names), so both
 * APIs go through the same request schemas and rules. Only top-level names change: values such as
 * metadata are passed as they are; `undefined` fields are dropped.
 */
export function restBody(input: object | null | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input ?? {})) {
    if (value !== undefined) body[snake(name)] = value;
  }
  return body;
}
