import { createDeployment } from '@switchyard/config/testing';
import { describe, expect, it } from 'vitest';

import { ModelCatalog, upstreamModelFor } from './model-catalog';

describe('ModelCatalog', () => {
  const gpt = createDeployment('gpt-4o', 'openai/gpt-4o');
  const gptAzure = createDeployment('gpt-4o', 'azure/gpt-4o-eu');
  const openaiWildcard = createDeployment('openai/*', 'openai/*');
  const gptFamily = createDeployment('gpt-*', 'openai/gpt-*');
  const catchAll = createDeployment('*', 'mock/*');
  const catalog = new ModelCatalog([gpt, gptAzure, openaiWildcard, gptFamily, catchAll], {
    'gpt-4': 'gpt-4o',
    ghost: 'nothing',
  });

  it('groups deployments sharing a model_name', () => {
    expect(catalog.resolve('gpt-4o')).toEqual({
      group: 'gpt-4o',
      deployments: [gpt, gptAzure],
      wildcardMatch: undefined,
    });
  });

  it('follows model_group_alias', () => {
    expect(catalog.resolve('gpt-4')?.group).toBe('gpt-4o');
  });

  it('prefers the most specific wildcard and substitutes its match into the provider model', () => {
    const openai = catalog.resolve('openai/o3');
    expect(openai?.group).toBe('openai/*');
    expect(upstreamModelFor(openaiWildcard, openai?.wildcardMatch)).toBe('o3');

    const family = catalog.resolve('gpt-4.1');
    expect(family?.group).toBe('gpt-*');
    expect(upstreamModelFor(gptFamily, family?.wildcardMatch)).toBe('gpt-4.1');

    expect(catalog.resolve('anything-else')?.group).toBe('*');
  });

  it('treats regex characters in names literally', () => {
    const dotted = new ModelCatalog([createDeployment('a.b*', 'mock/x')], {});
    expect(dotted.resolve('a.bc')?.group).toBe('a.b*');
    expect(dotted.resolve('axbc')).toBeUndefined();
  });

  it('lists exact groups and aliases that resolve, never wildcard routes', () => {
    expect(catalog.publicModelNames()).toEqual(['gpt-4o', 'gpt-4', 'ghost']);
    const strict = new ModelCatalog([gpt], { 'gpt-4': 'gpt-4o', ghost: 'nothing' });
    expect(strict.publicModelNames()).toEqual(['gpt-4o', 'gpt-4']);
    expect(strict.resolve('nothing')).toBeUndefined();
  });

  it('routes a hidden alias but does not list it', () => {
    const hidden = new ModelCatalog([gpt], { 'gpt-4': 'gpt-4o', secret: 'gpt-4o' }, ['secret']);
    expect(hidden.publicModelNames()).toEqual(['gpt-4o', 'gpt-4']);
    expect(hidden.resolve('secret')?.group).toBe('gpt-4o');
  });
});
