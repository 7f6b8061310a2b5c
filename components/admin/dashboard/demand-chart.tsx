import { TableScroll } from '@/components/admin/table-scroll';
import type { DemandBar } from '@/lib/inventory/dashboard';

/**
 * Horizontal stacked bars of units committed (ship from stock) and waiting (sold past stock),
 * drawn on the server, with the back-in-stock signups beside them. The figures are also in the
 * text of each row, so the chart reads the same without colour or without sight.
 */
// The chart is drawn once, on the dashboard.
const SIGNUPS_HINT = 'demand-signups-hint';

export function DemandChart({ bars }: { bars: DemandBar[] }) {
  const max = Math.max(...bars.map((b) => b.committed + b.waiting), 1);
  return (
    <figure className="flex max-w-4xl flex-col gap-3">
      <TableScroll label="Most wanted">
        <table className="w-full text-sm">
          <caption className="sr-only">Units committed and waiting, and back-in-stock signups, by variant</caption>
          <thead>
            <tr className="text-stone-700">
              <th scope="col" className="px-2 py-1 text-left font-medium">
                Variant
              </th>
              <th scope="col" className="px-2 py-1 text-left font-medium">
                Units
              </th>
              <th scope="col" aria-describedby={SIGNUPS_HINT} className="px-2 py-1 text-right font-medium">
                Signups
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => {
              const units = b.committed + b.waiting;
              return (
                <tr key={b.variantId}>
                  <th scope="row" className="max-w-64 truncate px-2 py-1 text-left font-normal" title={b.label}>
                    {b.label}
                  </th>
                  <td className="min-w-64 px-2 py-1">
                    <span className="flex items-center gap-2">
                      {units > 0 && (
                        <span className="flex h-4 overflow-hidden rounded" style={{ width: `${(units / max) * 100}%`, minWidth: '0.5rem' }} aria-hidden="true">
                          <span className="h-full bg-brand-600" style={{ flexGrow: b.committed }} />
                          <span
                            className="h-full bg-amber-400 bg-[repeating-linear-gradient(45deg,transparent,transparent_3px,rgba(0,0,0,.15)_3px,rgba(0,0,0,.15)_6px)]"
                            style={{ flexGrow: b.waiting }}
                          />
                        </span>
                      )}
                      <span className="whitespace-nowrap tabular-nums">
                        {b.committed} committed, {b.waiting} waiting
                      </span>
                    </span>
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">{b.signups}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600">
        <span className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm bg-brand-600" aria-hidden="true" /> committed (solid)
        </span>
        <span className="flex items-center gap-1">
          <span
            className="inline-block h-3 w-3 rounded-sm bg-amber-400 bg-[repeating-linear-gradient(45deg,transparent,transparent_2px,rgba(0,0,0,.2)_2px,rgba(0,0,0,.2)_4px)]"
            aria-hidden="true"
          />{' '}
          waiting (striped)
        </span>
        <span id={SIGNUPS_HINT}>Signups: shoppers waiting for a back-in-stock email</span>
      </figcaption>
    </figure>
  );
}
