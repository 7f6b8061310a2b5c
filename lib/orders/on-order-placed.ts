import 'server-only';

export interface PlacedOrderRef {
  orderId: string;
  number: number;
  publicToken: string;
  email: string;
}

/**
 * THE hook for what happens after an order is placed and committed: the "order placed" email
 * (the email issue) plugs in here. placeOrder calls it once per new order (never on an
 * idempotent replay), after the transaction commits, and logs rather than fails if it throws:
 * the order exists whatever this does. Anything that must not be lost should write an outbox
 * row in the placement transaction instead and be sent from there.
 */
export async function onOrderPlaced(order: PlacedOrderRef): Promise<void> {
  void order; // Nothing yet: the email issue sends the "order placed" email from here.
}
