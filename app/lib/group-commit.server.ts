/*
 * Group commit for hot write paths (heartbeats, exam autosave). With synchronous=FULL
 * every SQLite commit waits for an fsync, so committing each small write on its own caps
 * throughput at the disk's fsync rate. Instead, items that arrive while a batch is being
 * written wait and go together in the next transaction: one fsync for the whole batch.
 * The first item after a quiet spell is written at once (no timer adds latency), and an
 * item's promise settles only after its transaction has committed, so callers can tell
 * the browser "saved" truthfully.
 */
export type GroupCommit<T, R> = (item: T) => Promise<R>;

type Pending<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

export function groupCommit<T, R>(writeBatch: (items: T[]) => Promise<R[]>, options: { maxBatch: number }): GroupCommit<T, R> {
  let queue: Pending<T, R>[] = [];
  let writing = false;
  let scheduled = false;

  async function drain() {
    scheduled = false;
    writing = true;
    try {
      while (queue.length) {
        const batch = queue.slice(0, options.maxBatch);
        queue = queue.slice(batch.length);
        try {
          const results = await writeBatch(batch.map((p) => p.item));
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
        // A short pause between back-to-back batches leaves the database lock free for
        // the other server processes, which would otherwise starve (and lets the next
        // batch grow).
        if (queue.length) await new Promise((r) => setTimeout(r, 1));
      }
    } finally {
      writing = false;
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // setImmediate lets items parsed in the same turn of the event loop share the first batch.
      if (!writing && !scheduled) {
        scheduled = true;
        setImmediate(() => void drain());
      }
    });
}
