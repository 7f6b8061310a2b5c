import type { ReactNode } from 'react';

/**
 * A wide table's own horizontal scroller, so a narrow screen scrolls the table and never the
 * page. Focusable and named, so keyboard users can scroll it too. `relative` makes it the
 * containing block of the table's sr-only text, which would otherwise widen the page. Its name
 * says "table", so it never repeats the name of the section around it (axe: landmark-unique).
 */
export function TableScroll({
  label,
  bordered = false,
  className = '',
  children,
}: {
  label: string;
  bordered?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={`${label} table`}
      tabIndex={0}
      className={`relative max-w-full overflow-x-auto ${bordered ? 'rounded-xl border border-stone-200' : ''} ${className}`}
    >
      {children}
    </div>
  );
}
