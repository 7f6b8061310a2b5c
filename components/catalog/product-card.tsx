import Image from 'next/image';
import Link from 'next/link';
import type { ProductSummary } from '@/lib/catalog/types';
import { formatMoney } from '@/lib/money/format';
import { AvailabilityBadge } from './availability-badge';

export function ProductCard({ product, headingLevel = 2 }: { product: ProductSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const price = formatMoney(product.priceFromCents, product.currency);
  return (
    <article className="group flex flex-col overflow-hidden rounded-xl border border-stone-200 bg-white">
      <Link href={`/products/${product.slug}`} className="flex flex-1 flex-col">
        <div className="aspect-square bg-brand-50">
          <Image src={product.imagePath} alt={product.imageAlt} width={800} height={800} className="h-full w-full object-cover" unoptimized />
        </div>
        <div className="flex flex-1 flex-col gap-2 p-4">
          <Heading className="font-semibold group-hover:underline">{product.title}</Heading>
          <p className="text-stone-700">{product.priceVaries ? `From ${price}` : price}</p>
        </div>
      </Link>
      <div className="px-4 pb-4">
        <AvailabilityBadge offer={product.offer} />
      </div>
    </article>
  );
}
