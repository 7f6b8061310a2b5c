import { describe, expect, it } from 'vitest';
import { lineDate, orderPartText, shipmentText, waitingDateNotes } from './waiting-line-copy';

const opts = { locale: 'en-US', today: '2026-01-01' };
const backorder = { kind: 'backorder', status: 'planned', expectedDate: '2026-01-13' } as const;
const preorder = { kind: 'preorder', status: 'planned', expectedDate: '2026-02-02' } as const;
const waiting = (expectedDate: string | null) => ({ status: 'waiting', expectedDate }) as const;

describe('lineDate', () => {
  it('gives ship-by dates their weekday and release dates none', () => {
    expect(lineDate('backorder', '2026-01-13', opts)).toBe('Tue, Jan 13');
    expect(lineDate('preorder', '2026-02-02', opts)).toBe('Feb 2');
  });
});

describe('orderPartText', () => {
  it('reads as placed while the date is the promised one', () => {
    expect(orderPartText(backorder, { promisedDate: '2026-01-13', queue: waiting('2026-01-13') }, opts)).toEqual({
      text: 'Backordered — ships by Tue, Jan 13',
      change: null,
    });
    expect(orderPartText(preorder, { promisedDate: '2026-02-02', queue: waiting('2026-02-02') }, opts)).toEqual({
      text: 'Pre-order — releases Feb 2',
      change: null,
    });
  });

  it("shows the line's current date, not the shipment's, and says when it moved past the promise", () => {
    expect(orderPartText(backorder, { promisedDate: '2026-01-13', queue: waiting('2026-02-03') }, opts)).toEqual({
      text: 'Backordered — ships by Tue, Feb 3',
      change: 'Was Tue, Jan 13: the date changed',
    });
    expect(orderPartText(preorder, { promisedDate: '2026-02-02', queue: waiting('2026-03-01') }, opts)).toEqual({
      text: 'Pre-order — releases Mar 1',
      change: 'Was Feb 2: the date changed',
    });
  });

  it('moves earlier quietly', () => {
    expect(orderPartText(backorder, { promisedDate: '2026-01-13', queue: waiting('2026-01-06') }, opts)).toEqual({
      text: 'Backordered — ships by Tue, Jan 6',
      change: null,
    });
  });

  it('says when nothing dates the line any more', () => {
    expect(orderPartText(backorder, { promisedDate: '2026-01-13', queue: waiting(null) }, opts)).toEqual({
      text: "Backordered — no date yet; we'll email you when we have one",
      change: 'Was Tue, Jan 13: the date changed',
    });
    expect(orderPartText(preorder, { promisedDate: '2026-02-02', queue: waiting(null) }, opts).text).toBe(
      "Pre-order — no date yet; we'll email you when we have one",
    );
  });

  it('says a filled line is in stock, whether or not the rest of its shipment is', () => {
    const allocated = { promisedDate: '2026-01-13', queue: { status: 'allocated', expectedDate: '2026-01-13' } } as const;
    expect(orderPartText({ ...backorder, status: 'ready_to_ship' }, allocated, opts)).toEqual({
      text: 'In stock now — preparing to ship, ships in 1–2 business days',
      change: null,
    });
    expect(orderPartText(backorder, allocated, opts)).toEqual({ text: 'In stock now — ships with the rest of its shipment', change: null });
  });

  it('reads as the shipment for units from stock, and once a shipment has moved on', () => {
    const line = { promisedDate: '2026-01-13', queue: waiting('2026-02-03') };
    expect(orderPartText({ kind: 'now', status: 'ready_to_ship', expectedDate: null }, line, opts).text).toBe('Preparing to ship — ships in 1–2 business days');
    expect(orderPartText({ ...backorder, status: 'shipped' }, line, opts)).toEqual({ text: 'Shipped', change: null });
    expect(
      orderPartText({ ...backorder, status: 'cancelled' }, { promisedDate: '2026-01-13', queue: { status: 'cancelled', expectedDate: null } }, opts),
    ).toEqual({ text: 'Cancelled', change: null });
    expect(orderPartText(backorder, { promisedDate: null, queue: null }, opts).text).toBe('Backordered — ships by Tue, Jan 13');
  });

  it('says cancelled units are cancelled, with no date, while the rest of their shipment goes on', () => {
    const cancelled = { status: 'cancelled', expectedDate: null } as const;
    // A waiting line cancelled out of a shipment that still waits for another line.
    expect(orderPartText(backorder, { promisedDate: '2026-01-13', queue: cancelled, partCancelled: true }, opts)).toEqual({
      text: 'Cancelled',
      change: null,
    });
    // Its queue entry alone is enough: a later part goes with it.
    expect(orderPartText(backorder, { promisedDate: '2026-01-13', queue: cancelled }, opts)).toEqual({ text: 'Cancelled', change: null });
    expect(orderPartText({ ...preorder, status: 'ready_to_ship' }, { promisedDate: '2026-02-02', queue: cancelled }, opts).text).toBe('Cancelled');
    // Units from stock, cancelled in a shipment that still ships.
    expect(
      orderPartText({ kind: 'now', status: 'ready_to_ship', expectedDate: null }, { promisedDate: null, queue: null, partCancelled: true }, opts).text,
    ).toBe('Cancelled');
  });

  it('keeps the units from stock of a line whose waiting units were cancelled', () => {
    const line = { promisedDate: '2026-01-13', queue: { status: 'cancelled', expectedDate: null }, partCancelled: false } as const;
    expect(orderPartText({ kind: 'now', status: 'ready_to_ship', expectedDate: null }, line, opts).text).toBe('Preparing to ship — ships in 1–2 business days');
  });
});

describe('shipmentText', () => {
  it('heads a shipment with its date', () => {
    expect(shipmentText(backorder, false, opts)).toEqual({ heading: 'Ships by Tue, Jan 13', status: 'Backordered — ships by Tue, Jan 13' });
    expect(shipmentText({ kind: 'now', status: 'ready_to_ship', expectedDate: null }, false, opts).heading).toBe('Ships now');
  });

  it('has no date while a line in it has none', () => {
    expect(shipmentText(backorder, true, opts)).toEqual({ heading: 'No date yet', status: "Backordered — no date yet; we'll email you when we have one" });
    expect(shipmentText({ ...backorder, status: 'shipped' }, true, opts).status).toBe('Shipped');
  });

  it('gives a cancelled shipment no date, whatever it had or waited on', () => {
    const cancelled = { heading: 'Cancelled', status: 'Everything in it was cancelled before it shipped.' };
    expect(shipmentText({ ...backorder, status: 'cancelled' }, false, opts)).toEqual(cancelled);
    expect(shipmentText({ ...preorder, status: 'cancelled' }, true, opts)).toEqual(cancelled);
    expect(shipmentText({ kind: 'now', status: 'cancelled', expectedDate: null }, false, opts)).toEqual(cancelled);
  });
});

describe('waitingDateNotes', () => {
  const facts = { expectedDate: '2026-01-13', delays: 0, agreement: null };

  it('gives the promise alone while the date has not moved', () => {
    expect(waitingDateNotes('backorder', '2026-01-13', facts, opts)).toEqual(['Promised Tue, Jan 13']);
  });

  it('adds the current date, the delays and where the agreement stands', () => {
    expect(waitingDateNotes('backorder', '2026-01-13', { expectedDate: '2026-02-03', delays: 1, agreement: null }, opts)).toEqual([
      'Promised Tue, Jan 13',
      'Now Tue, Feb 3',
      '1 delay',
    ]);
    expect(waitingDateNotes('backorder', '2026-01-13', { expectedDate: '2026-03-03', delays: 2, agreement: 'needed' }, opts)).toEqual([
      'Promised Tue, Jan 13',
      'Now Tue, Mar 3',
      '2 delays',
      "Waiting for the shopper's answer",
    ]);
    expect(waitingDateNotes('preorder', '2026-02-02', { expectedDate: null, delays: 1, agreement: 'agreed' }, opts)).toEqual([
      'Promised Feb 2',
      'No date yet',
      '1 delay',
      'Agreed to the new date',
    ]);
  });

  it('shows an earlier date without counting it as a delay', () => {
    expect(waitingDateNotes('backorder', '2026-01-13', { ...facts, expectedDate: '2026-01-06' }, opts)).toEqual(['Promised Tue, Jan 13', 'Now Tue, Jan 6']);
  });
});
