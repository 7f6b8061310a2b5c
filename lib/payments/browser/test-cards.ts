import { formatCardNumber, TEST_CARDS } from '../emulator/test-cards';

/**
 * The test cards for the test-mode card form's hint. The table itself lives in
 * ../emulator/test-cards.ts (plain data, no server-only), which stays the one source of truth.
 */
export interface TestCardHint {
  /** Grouped in fours, as people type it: "4242 4242 4242 4242". */
  number: string;
  /** What happens when it is saved (and later charged). */
  label: string;
}

export const TEST_CARD_HINTS: readonly TestCardHint[] = TEST_CARDS.map((c) => ({ number: formatCardNumber(c.number), label: c.label }));
