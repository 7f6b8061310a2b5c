import { describe, expect, it } from 'vitest';
import { shipmentStatusText } from './status-copy';

const opts = { locale: 'en-US', today: '2026-01-01' };

describe('shipmentStatusText', () => {
  it('says what a planned shipment waits for, with its date', () => {
    expect(shipmentStatusText('now', 'planned', null, opts)).toBe('Preparing to ship — ships in 1–2 business days');
    expect(shipmentStatusText('backorder', 'planned', '2026-01-13', opts)).toBe('Backordered — ships by Tue, Jan 13');
    expect(shipmentStatusText('preorder', 'planned', '2026-02-02', opts)).toBe('Pre-order — releases Feb 2');
  });

  it('says a filled shipment is being prepared', () => {
    expect(shipmentStatusText('now', 'ready_to_ship', null, opts)).toBe('Preparing to ship — ships in 1–2 business days');
    expect(shipmentStatusText('backorder', 'ready_to_ship', '2026-01-13', opts)).toBe('In stock now — preparing to ship, ships in 1–2 business days');
  });

  it('names the later states plainly', () => {
    expect(shipmentStatusText('backorder', 'shipped', '2026-01-13', opts)).toBe('Shipped');
    expect(shipmentStatusText('now', 'cancelled', null, opts)).toBe('Cancelled');
    expect(shipmentStatusText('now', 'payment_failed', null, opts)).toMatch(/payment/);
  });
});
