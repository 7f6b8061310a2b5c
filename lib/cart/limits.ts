/** Most units of one variant a cart line (and so an order line) can hold. */
export const MAX_LINE_QUANTITY = 99;
