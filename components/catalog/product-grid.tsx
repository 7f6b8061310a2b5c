import type { ProductSummary } from '@/lib/catalog/types';
import { ProductCard } from './product-card';

/** headingLevel: the level of each product's title, one below the heading above the grid. */
export function ProductGrid({ products, label, headingLevel = 2 }: { products: ProductSummary[]; label: string; headingLevel?: 2 | 3 }) {
  return (
    <ul aria-label={label} className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {products.map((p) => (
        <li key={p.slug} className="flex">
          <ProductCard product={p} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
