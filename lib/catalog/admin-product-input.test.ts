import { describe, expect, it } from 'vitest';
import { sniffImageType } from '@/lib/media/image-type';
import { centsToPrice, newProductInput, newVariantInput, priceToCents, variantUpdateInput } from './admin-product-input';
import { addDays, todayUtc } from './dates';
import { slugify } from './slugify';

const PRODUCT_ID = '00000000-0000-4000-8000-000000000001';

describe('prices', () => {
  it('turns typed prices into cents with no floating point, and back', () => {
    for (const [typed, cents, shown] of [
      ['24', 2400, '24.00'],
      ['24.5', 2450, '24.50'],
      ['$ 0.59', 59, '0.59'],
      ['.75', 75, '0.75'],
      ['0.50', 50, '0.50'],
      ['0', 0, '0.00'],
      ['1000000', 100_000_000, '1000000.00'],
    ] as const) {
      const parsed = newVariantInput.parse({ productId: PRODUCT_ID, sku: 'A', price: typed, inventoryPolicy: 'deny' });
      expect(parsed.price, typed).toBe(shown);
      expect(priceToCents(parsed.price)).toBe(cents);
      expect(centsToPrice(cents)).toBe(shown);
    }
    // 0.1 + 0.2 style errors cannot happen: 1.13 is 113 cents exactly.
    expect(priceToCents('1.13')).toBe(113);
  });

  it('refuses 1 to 49 cents, which no card charge can collect (Stripe charges at least 50)', () => {
    for (const typed of ['0.01', '.07', '$ 0.29', '0.49']) {
      const result = newVariantInput.safeParse({ productId: PRODUCT_ID, sku: 'A', price: typed, inventoryPolicy: 'deny' });
      expect(result.success, typed).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual(['Card payments start at $0.50: use 0.00 (free) or at least 0.50.']);
    }
  });
});

describe('slugify', () => {
  it('makes a slug from any title', () => {
    expect(slugify('Cast-Iron Skillet, 10 in')).toBe('cast-iron-skillet-10-in');
    expect(slugify('  Crème Brûlée Set  ')).toBe('creme-brulee-set');
    expect(slugify('!!!')).toBe('');
  });
});

describe('schemas', () => {
  it('accept their own output, so an action and the mutation can both validate', () => {
    const product = newProductInput.parse({ title: 'Linen Shirt', optionNames: 'Size, Colour', featured: 'on' });
    expect(product).toMatchObject({ slug: 'linen-shirt', optionNames: ['Size', 'Colour'], featured: true, published: false });
    expect(newProductInput.parse(product)).toEqual(product);

    const variant = variantUpdateInput.parse({
      id: PRODUCT_ID,
      sku: 'ls-m',
      option0: 'M',
      price: '88',
      inventoryPolicy: 'backorder',
      shipDateSource: 'fixed_date',
      fixedShipDate: addDays(todayUtc(), 10),
      leadTimeDays: '4',
      waitingLimit: '',
    });
    expect(variant).toMatchObject({ sku: 'LS-M', title: 'M', price: '88.00', leadTimeDays: null, waitingLimit: null, lowStockThreshold: 3, safetyStock: 0 });
    expect(variantUpdateInput.parse(variant)).toEqual(variant);
  });
});

describe('sniffImageType', () => {
  const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

  it('knows PNG, JPEG, WebP and AVIF by their first bytes', () => {
    expect(sniffImageType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'))).toBe('png');
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(sniffImageType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
    expect(sniffImageType(bytes([0, 0, 0, 24], 'ftypavif', [0, 0, 0, 0], 'avifmif1'))).toBe('avif');
    expect(sniffImageType(bytes([0, 0, 0, 24], 'ftypmif1', [0, 0, 0, 0], 'mif1avis'))).toBe('avif');
  });

  it('refuses everything else, whatever it claims to be', () => {
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(bytes('<!DOCTYPE html><html>'))).toBeNull();
    expect(sniffImageType(bytes('GIF89a'))).toBeNull();
    expect(sniffImageType(bytes([0, 0, 0, 24], 'ftypmp42', [0, 0, 0, 0], 'isommp41'))).toBeNull(); // a video
    expect(sniffImageType(bytes([0x89], 'PNG'))).toBeNull(); // cut short
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});
