/**
 * The CLI's cache folder: `$CUSTOMS_CONCEPTS_CACHE_DIR` when set (`off` turns
 * the caches off), else the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`
 * on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows) with
 * `customs-concepts/` in it. Compiled term bases (`termBaseCache.ts`) and the
 * compiled code of the CLI (`cliStart.ts`) each have a folder there.
 * No import beyond Node's: the start-up bundle holds this module alone.
 */
import * as os from 'node:os';
import * as path from 'node:path';

export function cacheDir(part: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string | undefined {
  const own = env.CUSTOMS_CONCEPTS_CACHE_DIR;
  if (own === 'off') return undefined;
  if (own) return path.resolve(own, part);
  const base =
    platform === 'win32'
      ? env.LOCALAPPDATA || path.join(home, 'AppData', 'Local')
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME || path.join(home, '.cache');
  return path.join(base, 'customs-concepts', part);
}
