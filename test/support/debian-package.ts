import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function find(name: string): string | undefined {
  return (
    [`/usr/bin/${name}`, `/usr/local/bin/${name}`].find((path) => existsSync(path)) ??
    (spawnSync('which', [name], { encoding: 'utf8' }).stdout.trim() || undefined)
  );
}

/**
 * The paths of `binaries`, installing Debian's `pkg` when one is missing and the tests run as root
 * (as on CI); otherwise the test fails saying how to install it. Never skipped.
 */
export function debianPackage<const T extends readonly string[]>(
  pkg: string,
  binaries: T,
): Record<T[number], string> {
  const found = () => binaries.map((name) => [name, find(name)] as const);
  if (found().some(([, path]) => !path)) {
    if (process.getuid?.() !== 0) {
      throw new Error(
        `${binaries.join('/')} not installed and this test is not running as root to install them: run \`sudo apt-get install -y ${pkg}\` (Debian/Ubuntu) or put them on PATH`,
      );
    }
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, stdio: 'inherit' });
    if (install().status !== 0) {
      execFileSync('apt-get', ['update'], { env, stdio: 'inherit' });
      if (install().status !== 0) throw new Error(`apt-get install -y ${pkg} failed`);
    }
  }
  const paths = found();
  const missing = paths.filter(([, path]) => !path).map(([name]) => name);
  if (missing.length > 0) throw new Error(`the ${pkg} package did not provide ${missing.join(', ')}`);
  return Object.fromEntries(paths) as Record<T[number], string>;
}
