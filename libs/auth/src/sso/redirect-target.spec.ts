import { describe, expect, it } from 'vitest';

import { DEFAULT_AFTER_LOGIN_PATH, safeRedirectPath } from './redirect-target';

describe('safeRedirectPath', () => {
  it('keeps a path of this gateway, with its query', () => {
    expect(safeRedirectPath('/ui/keys?team=a')).toBe('/ui/keys?team=a');
    expect(safeRedirectPath('/')).toBe('/');
  });

  it('falls back to the UI for anything that could leave the origin', () => {
    for (const target of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      'ui/keys',
      '',
      undefined,
      ['/a'],
    ]) {
      expect(safeRedirectPath(target), String(target)).toBe(DEFAULT_AFTER_LOGIN_PATH);
    }
  });
});
