/** Purchase order limits, in a module of their own so client components can read them without the schemas. */

export const MAX_SUPPLIER_LENGTH = 200;
export const MAX_PURCHASE_ORDER_LINES = 50;
/** Most units one line may order or one receipt may bring in: beyond it is a typo, not a delivery (the stock adjustment limit). */
export const MAX_PURCHASE_ORDER_QUANTITY = 1_000_000;
