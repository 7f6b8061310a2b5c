import { describe, expect, it } from 'vitest';
import {
  cancelledUnitsText,
  CANCELLED_NOT_CHARGED,
  chargedToCardText,
  ORDER_STATUS_LABELS,
  PAYMENT_FAILED_ACTION,
  shipmentChargeLabel,
  shipmentStatusText,
} from './status-copy';

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
    expect(shipmentStatusText('now', 'charging', null, opts)).toBe('Charging your card');
    expect(shipmentStatusText('now', 'payment_failed', null, opts)).toBe('Payment failed');
  });
});

describe('shipping copy', () => {
  it('says what a shipped shipment was charged, to which card', () => {
    expect(chargedToCardText(2900, 'USD', { brand: 'visa', last4: '4242' })).toBe('Charged $29.00 to Visa ending 4242.');
    expect(chargedToCardText(0, 'USD', { brand: 'visa', last4: '4242' })).toBe('Nothing was charged for this shipment.');
  });

  it('tells a shopper whose charge failed where to look', () => {
    expect(PAYMENT_FAILED_ACTION).toBe("We couldn't charge your card for this shipment. Check your email for what to do.");
  });
});

describe('cancellation copy', () => {
  it('labels what a shipment costs by where it stands, and never a charge for a cancelled one', () => {
    expect(shipmentChargeLabel('planned')).toBe('Charged when it ships');
    expect(shipmentChargeLabel('ready_to_ship')).toBe('Charged when it ships');
    expect(shipmentChargeLabel('payment_failed')).toBe('Charged when it ships');
    expect(shipmentChargeLabel('shipped')).toBe('Charged');
    expect(shipmentChargeLabel('cancelled')).toBe('Cancelled');
  });

  it('counts cancelled units in words and says nothing was charged for them', () => {
    expect(cancelledUnitsText(1)).toBe('1 cancelled');
    expect(cancelledUnitsText(2)).toBe('2 cancelled');
    expect(CANCELLED_NOT_CHARGED).toBe('Nothing was charged for the cancelled items.');
    expect(ORDER_STATUS_LABELS.cancelled).toBe('Cancelled');
  });
});
