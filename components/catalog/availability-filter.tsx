import Link from 'next/link';
import { AVAILABILITY_STATES, type AvailabilityState } from '@/lib/catalog/availability';
import { STATE_LABELS } from '@/lib/catalog/availability-copy';

export function AvailabilityFilter({ current }: { current: AvailabilityState | null }) {
  const options: { value: AvailabilityState | null; label: string }[] = [
    { value: null, label: 'All' },
    ...AVAILABILITY_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] })),
  ];
  return (
    <nav aria-label="Filter by availability" className="flex flex-wrap items-center gap-2">
      <span className="text-sm font-medium text-stone-700">Availability:</span>
      {options.map(({ value, label }) => {
        const active = value === current;
        return (
          <Link
            key={label}
            href={value ? `/products?availability=${value}` : '/products'}
            aria-current={active ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 text-sm ${
              active ? 'border-brand-700 bg-brand-700 font-semibold text-white' : 'border-stone-300 hover:border-brand-600'
            }`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
