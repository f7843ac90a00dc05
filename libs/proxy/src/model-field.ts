// A raw `"model":"..."` can only be a key: inside a JSON string value the quotes are escaped.
const MODEL_FIELD = /"model"\s*:\s*"(?:[^"\\]|\\.)*"/;

/** @hotpath Replaces the first `model` field of a chunk's JSON text without re-serialising it. */
export function withModel(json: string, model: string): string {
  const field = `"model":${JSON.stringify(model)}`;
  return json.replace(MODEL_FIELD, () => field);
}
