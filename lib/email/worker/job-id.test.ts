import { describe, expect, it } from 'vitest';
import { jobId } from './job-id';

describe('jobId', () => {
  it('is a UUID that sorts by dispatch time, then by outbox order', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/;
    const t = Date.UTC(2026, 11, 2);
    const ids = [jobId(t, 9n), jobId(t, 10n), jobId(t, 4096n), jobId(t, 2n ** 60n), jobId(t + 1, 1n)];
    for (const id of ids) expect(id).toMatch(uuid);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
