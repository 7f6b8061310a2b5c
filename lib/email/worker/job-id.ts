/**
 * A job id that sorts like the outbox: pg-boss fetches by creation time, then id, and every job of
 * one dispatch has the same creation time, so the id keeps a batch in signup order (oldest first).
 * UUID layout, version 7 style: the dispatch time in milliseconds, then the outbox seq; a message
 * handed to the queue again later gets a later time, hence a new id.
 */
export function jobId(dispatchedAtMs: number, seq: bigint): string {
  const time = dispatchedAtMs.toString(16).padStart(12, '0').slice(-12);
  const s = seq.toString(16).padStart(18, '0').slice(-18);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${s.slice(0, 3)}-8${s.slice(3, 6)}-${s.slice(6)}`;
}
