// sharp decodes on libuv's thread pool; a few images in flight keep both cores busy while
// bounding memory and open files when a folder holds tens of thousands of images.

/** Calls `task(i)` for i in [0, count) with at most `limit` calls pending at once. */
export async function forEachWithConcurrency(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    // After the first failure the other workers stop taking new items.
    while (next < count && !failed) {
      signal?.throwIfAborted();
      const index = next++;
      try {
        await task(index);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
