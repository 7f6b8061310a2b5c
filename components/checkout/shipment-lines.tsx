import { formatMoney } from '@/lib/money/format';

export interface ShipmentLineItem {
  key: string;
  quantity: number;
  title: string;
  amountCents: number;
}

/** The lines of one shipment: "2 × Stoneware Mug  $56.00". */
export function ShipmentLines({ lines, currency }: { lines: ShipmentLineItem[]; currency: string }) {
  return (
    <ul className="mt-2 flex flex-col gap-1 text-sm">
      {lines.map((l) => (
        <li key={l.key} className="flex justify-between gap-4">
          <span>
            {l.quantity} × {l.title}
          </span>
          <span>{formatMoney(l.amountCents, currency)}</span>
        </li>
      ))}
    </ul>
  );
}
