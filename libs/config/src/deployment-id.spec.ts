import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson, defaultDeploymentId } from './deployment-id';
import { loadYaml, removeTempConfigs } from './testing/temp-config';

afterAll(removeTempConfigs);

const TWO_KEYS = `
model_list:
  - model_name: gpt-4o
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/KEY_A, rpm: 10}
  - model_name: gpt-4o
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/KEY_B, rpm: 10}
  - model_name: named
    litellm_params: {model: openai/gpt-4o}
    model_info: {id: 42}
`;

describe('deployment ids', () => {
  it('defaults to 64 hex chars, distinct per deployment, and keeps model_info.id', () => {
    const ids = loadYaml(TWO_KEYS, { KEY_A: 'a', KEY_B: 'b' }).config.modelList.map((d) => d.info.id);
    expect(ids[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(ids[1]).toMatch(/^[0-9a-f]{64}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]).toBe('42');
  });

  it('is stable across loads and when a referenced secret changes', () => {
    const first = loadYaml(TWO_KEYS, { KEY_A: 'a', KEY_B: 'b' }).config.modelList.map((d) => d.info.id);
    const again = loadYaml(TWO_KEYS, { KEY_A: 'rotated', KEY_B: 'b2' }).config.modelList.map(
      (d) => d.info.id,
    );
    expect(again).toEqual(first);
  });

  it('does not depend on key order', () => {
    expect(defaultDeploymentId('m', { model: 'openai/x', rpm: 1 })).toBe(
      defaultDeploymentId('m', { rpm: 1, model: 'openai/x' }),
    );
    expect(defaultDeploymentId('m', { model: 'openai/x' })).not.toBe(
      defaultDeploymentId('n', { model: 'openai/x' }),
    );
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });
});
