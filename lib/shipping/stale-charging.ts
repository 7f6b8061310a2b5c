/**
 * Shipments charging for longer than this are picked up by the recovery sweep (a crash, a lost
 * answer): longer than any charge call with its in-request retries takes.
 */
export const STALE_CHARGING_SECONDS = 30;
