import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// A random per-process prefix plus a counter: unique, OpenAI-looking, and no syscall per request.
const PROCESS_TAG = Array.from(randomBytes(12), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
let counter = 0;

export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}${PROCESS_TAG}${counter.toString(36).padStart(8, '0')}`;
}

export const unixSeconds = (): number => Math.floor(Date.now() / 1000);
