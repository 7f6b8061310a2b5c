import Link from 'next/link';
import type { ReactNode } from 'react';
import { ColumnHeaders, type Column } from '@/components/admin/column-headers';
import { TableScroll } from '@/components/admin/table-scroll';
import { formatCalendarDate } from '@/lib/catalog/dates';
import type { AwaitingAnswer, LatePromise } from '@/lib/orders/attention';

// Staff read every line date as a ship-by date, with its weekday, like the order page's.
function CalendarDate({ date }: { date: string }) {
  return <time dateTime={date}>{formatCalendarDate(date, { withWeekday: true })}</time>;
}

interface Row {
  lineId: string;
  orderNumber: number;
  title: string;
  units: number;
  promisedDate: string;
  expectedDate: string | null;
}

function WaitingLinesSection<R extends Row>({
  id,
  title,
  description,
  tableName,
  extraColumns = [],
  rows,
  nowNote,
  extraCells,
}: {
  id: string;
  title: string;
  description: string;
  tableName: string;
  extraColumns?: Column[];
  rows: R[];
  /** A word under the current date about it. */
  nowNote?: (row: R) => string | null;
  extraCells?: (row: R) => ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm text-stone-700">{description}</p>
      <TableScroll label={tableName} className="max-w-3xl">
        <table className="w-full text-sm">
          <caption className="sr-only">{tableName}</caption>
          <thead className="bg-stone-50">
            <ColumnHeaders columns={['Order', 'Item', { label: 'Units', numeric: true }, 'Promised', 'Now', ...extraColumns]} />
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.lineId} className="border-t border-stone-200">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  <Link href={`/admin/orders/${r.orderNumber}`} className="text-brand-700 hover:underline">
                    #{r.orderNumber}
                  </Link>
                </th>
                <td className="min-w-40 px-3 py-2">{r.title}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.units}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <CalendarDate date={r.promisedDate} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {r.expectedDate ? <CalendarDate date={r.expectedDate} /> : 'No date'}
                  {nowNote?.(r) && <span className="block text-xs text-stone-600">{nowNote(r)}</span>}
                </td>
                {extraCells?.(r)}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

// Where the shopper stands on the line's current date.
const AGREEMENT_NOTES = { needed: 'Answer needed', agreed: 'Shopper agreed' } as const;

/** Waiting lines whose promised date has passed, oldest promise first. */
export function LatePromisesSection({ rows }: { rows: LatePromise[] }) {
  return (
    <WaitingLinesSection
      id="late"
      title="Past their promised date"
      description="Units still waiting after the date promised when the order was placed, oldest promise first."
      tableName="Lines past their promised date"
      rows={rows}
      nowNote={(r) => (r.agreement ? AGREEMENT_NOTES[r.agreement] : null)}
    />
  );
}

/** Delayed lines the shopper must agree to (US FTC Mail Order Rule), nearest deadline first. */
export function AwaitingAnswersSection({ rows }: { rows: AwaitingAnswer[] }) {
  return (
    <WaitingLinesSection
      id="awaiting"
      title="Waiting for the shopper's answer"
      description="Delays the shopper has to agree to. Lines without an answer by their promised date are cancelled automatically."
      tableName="Lines waiting for the shopper's answer"
      extraColumns={['Answer by']}
      rows={rows}
      extraCells={(r) => (
        <td className="px-3 py-2 whitespace-nowrap">
          <CalendarDate date={r.answerBy} />
        </td>
      )}
    />
  );
}
