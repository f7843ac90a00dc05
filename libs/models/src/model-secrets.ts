import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';
const SECRET_PARAM = /key|secret|token|password|credential/i;

/** Whether a `litellm_params` field holds a credential (api_key, aws_secret_access_key, ...). */
export function isSecretParam(name: string): boolean {
  return SECRET_PARAM.test(name) && name !== 'max_tokens';
}

/** AES-256-GCM for provider credentials stored in the database; the key is derived from the salt key. */
export class ModelSecrets {
  private readonly key: Buffer | undefined;

  constructor(saltKey: string | undefined) {
    this.key = saltKey
      ? Buffer.from(hkdfSync('sha256', saltKey, 'switchyard', 'model-credentials', 32))
      : undefined;
  }

  get available(): boolean {
    return this.key !== undefined;
  }

  /** Encrypts every credential field of `params`; other fields are kept as they are. */
  seal(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(params).map(([name, value]) =>
        isSecretParam(name) && typeof value === 'string' && !value.startsWith('os.environ/')
          ? [name, this.encrypt(value)]
          : [name, value],
      ),
    );
  }

  open(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(params).map(([name, value]) => [
        name,
        typeof value === 'string' && value.startsWith(PREFIX) ? this.decrypt(value) : value,
      ]),
    );
  }

  private encrypt(plain: string): string {
    const key = this.requireKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${data.toString('base64')}`;
  }

  private decrypt(sealed: string): string {
    const [iv, tag, data] = sealed.slice(PREFIX.length).split(':');
    const decipher = createDecipheriv('aes-256-gcm', this.requireKey(), Buffer.from(iv ?? '', 'base64'));
    decipher.setAuthTag(Buffer.from(tag ?? '', 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data ?? '', 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }

  private requireKey(): Buffer {
    if (!this.key)
      throw new Error('LITELLM_SALT_KEY (or a master key) is required to store provider credentials');
    return this.key;
  }
}

/** `litellm_params` as `/model/info` shows them: credentials removed. */
export function withoutSecrets(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => !isSecretParam(name)));
}
