import type { ProductSummary } from '@/lib/catalog/types';
import { ProductCard } from './product-card';

export function ProductGrid({ products, label }: { products: ProductSummary[]; label: string }) {
  return (
    <ul aria-label={label} className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {products.map((p) => (
        <li key={p.slug} className="flex">
          <ProductCard product={p} />
        </li>
      ))}
    </ul>
  );
}
