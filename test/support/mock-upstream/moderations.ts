import { asArray, asObject, asString, type JsonObject } from './json-fields';
import { nextId } from './ids';

const CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/** Texts to classify: a string, a list of strings, or multimodal parts (text parts only). */
function texts(input: unknown): string[] | undefined {
  const single = asString(input);
  if (single !== undefined) return [single];
  const list = asArray(input);
  if (!list) return undefined;
  return list.map((item) => asString(item) ?? asString(asObject(item)?.['text']) ?? '');
}

/** Anything mentioning "kill" is flagged as violence; everything else is clean. */
function classify(text: string): JsonObject {
  const violent = /\bkill/i.test(text);
  const categories: Record<string, boolean> = {};
  const scores: Record<string, number> = {};
  const appliedInputTypes: Record<string, string[]> = {};
  for (const category of CATEGORIES) {
    const hit = violent && category === 'violence';
    categories[category] = hit;
    scores[category] = hit ? 0.91 : 0.000012;
    appliedInputTypes[category] = ['text'];
  }
  return {
    flagged: violent,
    categories,
    category_scores: scores,
    category_applied_input_types: appliedInputTypes,
  };
}

export function moderationBody(body: JsonObject): JsonObject | undefined {
  const items = texts(body['input']);
  if (!items) return undefined;
  return {
    id: nextId('modr-'),
    model: asString(body['model']) ?? 'omni-moderation-latest',
    results: items.map(classify),
  };
}
