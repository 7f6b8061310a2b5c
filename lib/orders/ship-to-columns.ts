import 'server-only';
import { orders } from '@/db/schema';

/** An order's ship-to name and address, for the selects that show, print or email it. */
export const shipToColumns = {
  fullName: orders.fullName,
  addressLine: orders.addressLine,
  city: orders.city,
  region: orders.region,
  postalCode: orders.postalCode,
  country: orders.country,
};
