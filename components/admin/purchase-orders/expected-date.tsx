import type { PurchaseOrderStatus } from '@/db/schema/purchasing';
import { formatCalendarDate, todayUtc } from '@/lib/catalog/dates';

/** "Tue, Mar 3", and "overdue" when units are still expected and the date has passed. */
export function ExpectedDate({ date, status }: { date: string; status: PurchaseOrderStatus }) {
  const overdue = (status === 'open' || status === 'partly_received') && date < todayUtc();
  return (
    <>
      <time dateTime={date}>{formatCalendarDate(date, { withWeekday: true })}</time>
      {overdue && <span className="font-medium text-red-800"> (overdue)</span>}
    </>
  );
}
