import type { Tx } from './store';

/** What an emulator endpoint gets: its transaction and who is calling. */
export interface EmulatorContext {
  tx: Tx;
  /** Secret key (the server) or publishable key plus client_secret (the browser). */
  auth: 'secret' | 'publishable';
  requestId: string;
  idempotencyKey: string | null;
  now: Date;
  /** Where the app is served, for the 3DS page URL in next_action. */
  appUrl: string;
  /** Counts events recorded in this request, so delivery can be kicked after commit. */
  eventsRecorded: number;
}
