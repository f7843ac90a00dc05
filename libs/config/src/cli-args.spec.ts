import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('reads LiteLLM flags as separate values', () => {
    const args = parseCliArgs([
      '--config',
      'c.yaml',
      '--port',
      '8000',
      '--host',
      '127.0.0.1',
      '--num_workers',
      '4',
    ]);
    expect(args).toMatchObject({ config: 'c.yaml', port: 8000, host: '127.0.0.1', numWorkers: 4 });
    expect(args.unknownFlags).toEqual([]);
    expect(args.problems).toEqual([]);
  });

  it('reads --flag=value and -c', () => {
    expect(parseCliArgs(['-c', 'a.yaml', '--port=9000'])).toMatchObject({ config: 'a.yaml', port: 9000 });
    expect(parseCliArgs(['--config=b.yaml', '--num_workers=2'])).toMatchObject({
      config: 'b.yaml',
      numWorkers: 2,
    });
  });

  it('returns nothing when no flag is given', () => {
    expect(parseCliArgs([])).toEqual({ unknownFlags: [], problems: [] });
  });

  it('lists unknown flags (with their values swallowed) and stray arguments', () => {
    const args = parseCliArgs([
      '--debug',
      '--model',
      'gpt-4o',
      '--config',
      'c.yaml',
      '--detailed_debug',
      'extra',
    ]);
    expect(args.config).toBe('c.yaml');
    // `extra` follows a flag, so it is taken as that flag's value.
    expect(args.unknownFlags).toEqual(['--debug', '--model', '--detailed_debug']);
    expect(parseCliArgs(['stray']).unknownFlags).toEqual(['"stray"']);
  });

  it('does not print the value of an unknown flag (it may be a secret)', () => {
    const args = parseCliArgs(['--api_key', 'sk-secret-value', '--api_base=http://x']);
    expect(args.unknownFlags).toEqual(['--api_key', '--api_base']);
    expect(JSON.stringify(args)).not.toContain('sk-secret-value');
  });

  it('reports a flag whose value is missing instead of taking the next flag', () => {
    const args = parseCliArgs(['--port', '--host', 'h']);
    expect(args.port).toBeUndefined();
    expect(args.host).toBe('h');
    expect(args.problems).toEqual(['--port: missing value']);
    expect(parseCliArgs(['--config']).problems).toEqual(['--config: missing value']);
  });

  it('reports invalid numbers', () => {
    expect(parseCliArgs(['--port', 'abc']).problems).toEqual([
      '--port: expected an integer between 0 and 65535, got "abc"',
    ]);
    expect(parseCliArgs(['--port=70000']).problems).toHaveLength(1);
    expect(parseCliArgs(['--num_workers', '0']).problems).toEqual([
      '--num_workers: expected an integer between 1 and 1024, got "0"',
    ]);
  });
});
