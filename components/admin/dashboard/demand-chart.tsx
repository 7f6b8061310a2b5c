import type { DemandBar } from '@/lib/inventory/dashboard';

/**
 * Horizontal stacked bars of units committed (ship from stock) and waiting (sold past stock),
 * drawn on the server. The figures are also in the text of each row, so the chart reads the
 * same without colour or without sight.
 */
export function DemandChart({ bars }: { bars: DemandBar[] }) {
  const max = Math.max(...bars.map((b) => b.committed + b.waiting), 1);
  return (
    <figure className="flex flex-col gap-3">
      <ul className="flex flex-col gap-2" aria-label="Units committed and waiting, by variant">
        {bars.map((b) => (
          <li key={b.variantId} className="grid grid-cols-[minmax(8rem,16rem)_1fr] items-center gap-3 text-sm">
            <span className="truncate" title={b.label}>
              {b.label}
            </span>
            <span className="flex items-center gap-2">
              <span
                className="flex h-4 overflow-hidden rounded"
                style={{ width: `${((b.committed + b.waiting) / max) * 100}%`, minWidth: '0.5rem' }}
                aria-hidden="true"
              >
                <span className="h-full bg-brand-600" style={{ flexGrow: b.committed }} />
                <span
                  className="h-full bg-amber-400 bg-[repeating-linear-gradient(45deg,transparent,transparent_3px,rgba(0,0,0,.15)_3px,rgba(0,0,0,.15)_6px)]"
                  style={{ flexGrow: b.waiting }}
                />
              </span>
              <span className="whitespace-nowrap tabular-nums">
                {b.committed} committed, {b.waiting} waiting
              </span>
            </span>
          </li>
        ))}
      </ul>
      <figcaption className="flex gap-4 text-xs text-stone-600">
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
      </figcaption>
    </figure>
  );
}
