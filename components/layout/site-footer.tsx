import { STORE_NAME } from '@/lib/site';

export function SiteFooter() {
  return (
    <footer className="border-t border-stone-200 bg-stone-50">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-stone-600 sm:px-6">
        <p>
          {STORE_NAME} keeps selling when the shelf is empty: every item says whether it ships now, when it will ship, or when it is released. Your card is
          charged only when each shipment ships.
        </p>
      </div>
    </footer>
  );
}
