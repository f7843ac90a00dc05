import { readFileSync } from 'node:fs';
import { parseDocument, type YAMLError } from 'yaml';
import { ConfigError } from './config-error';

export interface ConfigFileContent {
  /** The parsed YAML (null for an empty file or a missing default `config.yaml`). */
  readonly document: unknown;
  readonly warnings: readonly string[];
}

/**
 * Reads and parses the YAML config file. `isDefaultPath`: no path was given, so a missing
 * `config.yaml` means "no config" (LiteLLM starts without one) rather than an error.
 */
export function readConfigFile(configPath: string, isDefaultPath: boolean): ConfigFileContent {
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (isDefaultPath && code === 'ENOENT') {
      return {
        document: null,
        warnings: [
          `no config file given (--config or CONFIG_FILE_PATH) and ${configPath} does not exist: starting with an empty configuration`,
        ],
      };
    }
    const reason = error instanceof Error ? error.message.replace(/, [a-z]+(?: '.*')?$/, '') : String(error);
    throw new ConfigError(configPath, [], `cannot read config file ${configPath}: ${reason}`);
  }

  // PyYAML (LiteLLM) lets a repeated key win silently and supports `<<` merge keys.
  const doc = parseDocument(text, { merge: true, uniqueKeys: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(configPath, doc.errors.map(formatYamlError), `invalid YAML in ${configPath}`);
  }
  const warnings = doc.warnings.map((warning) => `${configPath}: YAML ${formatYamlError(warning)}`);
  const strict = parseDocument(text, { merge: true });
  for (const error of strict.errors) {
    if (error.code === 'DUPLICATE_KEY') {
      warnings.push(`${configPath}: ${formatYamlError(error)} (the last value is used, as in LiteLLM)`);
    }
  }
  try {
    return { document: doc.toJS({ maxAliasCount: 100 }), warnings };
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(configPath, [reason], `invalid YAML in ${configPath}`);
  }
}

/** `line L, column C: <reason>`, without the source excerpt (it could show a secret). */
function formatYamlError(error: YAMLError): string {
  const firstLine = error.message.split('\n')[0] ?? '';
  const reason = firstLine.replace(/ at line \d+, column \d+:?\s*$/, '');
  const pos = error.linePos?.[0];
  return pos ? `line ${pos.line}, column ${pos.col}: ${reason}` : reason;
}
