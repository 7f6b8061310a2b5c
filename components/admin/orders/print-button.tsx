'use client';

/** Opens the browser's print dialog for the page; it is not printed itself. */
export function PrintButton({ children = 'Print' }: { children?: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="self-start rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 print:hidden"
    >
      {children}
    </button>
  );
}
