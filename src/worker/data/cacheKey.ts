// Cache folder names are hashes of everything that determines a data set's decoded bytes,
// so a changed source or option lands in a new folder instead of reusing stale pixels.
import { createHash } from 'node:crypto';

/** Bumped whenever the cached layout or the decoding changes, to retire old cache folders. */
export const CACHE_FORMAT_VERSION = 1;

/** A short, filesystem-safe key: `<prefix>-<16 hex digits of sha256(parts)>`. */
export function cacheKey(prefix: string, parts: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify({ v: CACHE_FORMAT_VERSION, parts })).digest('hex');
  return `${prefix}-${hash.slice(0, 16)}`;
}
