/**
 * The demo catalog: a small homeware and outdoor-gear range that shows every availability
 * state the store supports. Dates are relative to `today`, so the catalog reads the same
 * whenever it is seeded. Browser tests rely on the slugs named in the comments below.
 */
import { inArray } from 'drizzle-orm';
import { addDays, isIsoDate } from '../lib/catalog/dates';
import { handlingDays } from '../lib/purchasing/handling-days';
import type { Database } from './client';
import { products, purchaseOrderLines, purchaseOrders, stockMovements, variants } from './schema';
import type { NewProduct, NewVariant } from './schema';

/**
 * No `committed` or `waiting`: those count units of orders, and the seed places none. Only real
 * placement (lib/orders/place-order.ts) may set them, together with the lines and queue behind them.
 */
export type VariantSeed = Omit<NewVariant, 'id' | 'productId' | 'position' | 'createdAt' | 'updatedAt' | 'committed' | 'waiting'>;
export type ProductSeed = Omit<NewProduct, 'id' | 'createdAt' | 'updatedAt'> & { variants: VariantSeed[] };

/** Stock settings for a variant; everything else comes from the product. */
type Stock = Omit<VariantSeed, 'sku' | 'title' | 'optionValues' | 'priceCents'>;

const inStock = (onHand: number): Stock => ({ inventoryPolicy: 'deny', onHand });
const soldOut: Stock = { inventoryPolicy: 'deny', onHand: 0 };

function single(sku: string, priceCents: number, stock: Stock): VariantSeed[] {
  return [{ sku, title: 'Default', optionValues: [], priceCents, ...stock }];
}

function option(sku: string, values: string[], priceCents: number, stock: Stock): VariantSeed {
  return { sku, title: values.join(' / '), optionValues: values, priceCents, ...stock };
}

function image(slug: string): Pick<NewProduct, 'imagePath'> {
  return { imagePath: `/products/${slug}.svg` };
}

/** The demo catalog as of `today` (YYYY-MM-DD, UTC). */
export function demoCatalog(today: string): ProductSeed[] {
  return [
    {
      // In stock.
      slug: 'stoneware-mug',
      title: 'Stoneware Mug',
      description:
        'A generous 12 oz mug thrown in speckled stoneware and dipped in a deep sea-green glaze. The unglazed foot shows the clay underneath, and the wide handle fits three fingers. Dishwasher and microwave safe.',
      ...image('stoneware-mug'),
      imageAlt: 'A sea-green speckled stoneware mug with a bare clay foot and a wide handle',
      optionNames: [],
      featured: true,
      variants: single('STONEWARE-MUG', 2800, inStock(40)),
    },
    {
      // In stock, low stock: "Only 2 left".
      slug: 'enamel-camp-mug',
      title: 'Enamel Camp Mug',
      description:
        'Enamelled steel with a rolled navy rim, light enough for a pack and tough enough for the campfire grate. It chips honestly and keeps going. Holds 10 oz.',
      ...image('enamel-camp-mug'),
      imageAlt: 'A white enamel camp mug with a navy rim and handle',
      optionNames: [],
      variants: single('ENAMEL-CAMP-MUG', 1800, { inventoryPolicy: 'deny', onHand: 2, lowStockThreshold: 3, safetyStock: 4 }),
    },
    {
      // Backorder with a lead time and stock on hand: asking for 5 gives 3 now, 2 later.
      slug: 'merino-throw',
      title: 'Merino Wool Throw',
      description:
        'A heavyweight throw woven from soft merino in warm terracotta with two cream stripes. Soft enough for the sofa, warm enough for the porch in October. Finished with a knotted fringe; 50 × 70 in.',
      ...image('merino-throw'),
      imageAlt: 'A folded terracotta merino throw with cream stripes and a fringed edge',
      optionNames: [],
      featured: true,
      variants: single('MERINO-THROW', 16500, {
        inventoryPolicy: 'backorder',
        onHand: 3,
        shipDateSource: 'lead_time',
        leadTimeDays: 21,
        waitingLimit: null,
      }),
    },
    {
      // Backordered to a fixed date.
      slug: 'cast-iron-skillet',
      title: 'Cast-Iron Skillet, 10 in',
      description:
        'A 10-inch skillet cast in one piece and pre-seasoned with flaxseed oil, with twin pour spouts and a helper handle. It sears on the stove, bakes in the oven and sits happily on coals. Gets better with every use.',
      ...image('cast-iron-skillet'),
      imageAlt: 'A black cast-iron skillet seen from above, with a long handle and a helper handle',
      optionNames: [],
      featured: true,
      variants: single('CAST-IRON-SKILLET-10', 8500, {
        inventoryPolicy: 'backorder',
        onHand: 0,
        shipDateSource: 'fixed_date',
        fixedShipDate: addDays(today, 45),
      }),
    },
    {
      // Pre-order.
      slug: 'trail-lantern',
      title: 'Trail Lantern',
      description:
        'A rechargeable lantern with a warm, dimmable glow and a brass-finish frame. It runs for 40 hours on low, charges over USB-C and hangs from a fold-down bail. First batch ships on release day.',
      ...image('trail-lantern'),
      imageAlt: 'A brass camping lantern glowing warm yellow against a night sky',
      optionNames: [],
      featured: true,
      variants: single('TRAIL-LANTERN', 6400, {
        inventoryPolicy: 'preorder',
        onHand: 0,
        releaseDate: addDays(today, 60),
        waitingLimit: 50,
      }),
    },
    {
      // Sold out (deny, none on hand).
      slug: 'folding-camp-chair',
      title: 'Folding Camp Chair',
      description:
        'A low-slung chair with a powder-coated steel frame and a forest-green canvas seat. It folds flat in one motion and carries by its arm rail. Holds up to 250 lb.',
      ...image('folding-camp-chair'),
      imageAlt: 'A green canvas folding camp chair with a dark steel frame',
      optionNames: [],
      variants: single('FOLDING-CAMP-CHAIR', 9500, soldOut),
    },
    {
      // Sold out: backorder policy but no ship date to promise.
      slug: 'canvas-backpack',
      title: 'Waxed Canvas Backpack',
      description:
        'A 22-litre daypack in waxed cotton canvas with leather straps and solid brass buckles. A padded sleeve takes a 15-inch laptop; the front pocket takes everything else. Rewax it once a season and it will outlast you.',
      ...image('canvas-backpack'),
      imageAlt: 'An olive waxed canvas backpack with a top flap and brown leather straps',
      optionNames: [],
      variants: single('CANVAS-BACKPACK', 14000, { inventoryPolicy: 'backorder', onHand: 0 }),
    },
    {
      // Variants: mostly in stock, L / Navy backordered (14 days, capped at 5), L / Sand sold out.
      slug: 'linen-shirt',
      title: 'Linen Camp Shirt',
      description:
        'A relaxed short-sleeve shirt in washed European linen with a camp collar and a single chest pocket. It wrinkles beautifully and breathes on the hottest days. Cut boxy; size down for a closer fit.',
      ...image('linen-shirt'),
      imageAlt: 'A sand-coloured short-sleeve linen shirt with a camp collar and chest pocket',
      optionNames: ['Size', 'Colour'],
      featured: true,
      variants: [
        option('LINEN-SHIRT-S-SND', ['S', 'Sand'], 8800, inStock(6)),
        option('LINEN-SHIRT-S-NVY', ['S', 'Navy'], 8800, inStock(4)),
        option('LINEN-SHIRT-M-SND', ['M', 'Sand'], 8800, inStock(10)),
        option('LINEN-SHIRT-M-NVY', ['M', 'Navy'], 8800, inStock(8)),
        option('LINEN-SHIRT-L-SND', ['L', 'Sand'], 8800, soldOut),
        option('LINEN-SHIRT-L-NVY', ['L', 'Navy'], 8800, {
          inventoryPolicy: 'backorder',
          onHand: 0,
          shipDateSource: 'lead_time',
          leadTimeDays: 14,
          waitingLimit: 5,
        }),
      ],
    },
    {
      // Variants: M splits (1 now, the rest in 10 days), XL sold out, the others in stock.
      slug: 'rain-shell-jacket',
      title: 'Rain Shell Jacket',
      description:
        'A three-layer waterproof shell with taped seams, pit zips and a helmet-compatible hood. It packs into its own chest pocket and weighs under 12 oz. Made for sideways rain and long ridgelines.',
      ...image('rain-shell-jacket'),
      imageAlt: 'A burnt-orange hooded rain jacket with a full-length zip',
      optionNames: ['Size'],
      featured: true,
      variants: [
        option('RAIN-SHELL-XS', ['XS'], 18900, inStock(4)),
        option('RAIN-SHELL-S', ['S'], 18900, inStock(9)),
        option('RAIN-SHELL-M', ['M'], 18900, {
          inventoryPolicy: 'backorder',
          onHand: 1,
          shipDateSource: 'lead_time',
          leadTimeDays: 10,
        }),
        option('RAIN-SHELL-L', ['L'], 18900, inStock(6)),
        option('RAIN-SHELL-XL', ['XL'], 18900, soldOut),
      ],
    },
    {
      // Variants: all in stock.
      slug: 'wool-beanie',
      title: 'Ribbed Wool Beanie',
      description:
        'A close-fitting beanie knitted from soft lambswool in a deep rib, with a turn-up cuff you can wear high or low. Warm without the itch. One size.',
      ...image('wool-beanie'),
      imageAlt: 'A rust-coloured ribbed wool beanie with a folded cuff',
      optionNames: ['Colour'],
      variants: [
        option('WOOL-BEANIE-RST', ['Rust'], 3200, inStock(12)),
        option('WOOL-BEANIE-CHR', ['Charcoal'], 3200, inStock(15)),
        option('WOOL-BEANIE-OAT', ['Oat'], 3200, inStock(9)),
      ],
    },
    {
      // Sold out: backorder with a lead time, but a cap of 0 units waiting.
      slug: 'ceramic-pour-over',
      title: 'Ceramic Pour-Over Dripper',
      description:
        'A porcelain cone dripper with spiral ribs that keep the filter off the walls for an even, unhurried extraction. Fits standard #2 filters and sits on most mugs and carafes. Brews one or two cups.',
      ...image('ceramic-pour-over'),
      imageAlt: 'A white porcelain pour-over dripper sitting on a dark mug',
      optionNames: [],
      variants: single('CERAMIC-POUR-OVER', 3800, {
        inventoryPolicy: 'backorder',
        onHand: 0,
        waitingLimit: 0,
        shipDateSource: 'lead_time',
        leadTimeDays: 30,
      }),
    },
    {
      slug: 'field-notebook',
      title: 'Field Notebook, 3-Pack',
      description:
        'Three pocket notebooks with kraft, navy and rust covers and 48 pages of dot-grid paper each. Saddle-stitched, rounded corners, sized for a back pocket. Pencil, fountain pen and rain welcome.',
      ...image('field-notebook'),
      imageAlt: 'Three pocket notebooks in kraft, navy and rust covers, fanned out',
      optionNames: [],
      variants: single('FIELD-NOTEBOOK-3PK', 1600, inStock(120)),
    },
    {
      slug: 'copper-tea-kettle',
      title: 'Copper Stovetop Kettle',
      description:
        'A 1.5-quart kettle in copper-clad stainless steel with a gooseneck-style spout for a steady pour. The stay-cool handle folds back for filling. Works on gas, electric and induction.',
      ...image('copper-tea-kettle'),
      imageAlt: 'A round copper tea kettle with a curved spout and a black handle',
      optionNames: [],
      variants: single('COPPER-KETTLE-1-5QT', 7800, inStock(12)),
    },
    {
      slug: 'linen-napkins',
      title: 'Linen Napkins, Set of 4',
      description:
        'Stonewashed linen napkins with mitred corners, soft from the first wash and softer every time after. One each in natural, sage, clay and slate. 18 × 18 in.',
      ...image('linen-napkins'),
      imageAlt: 'A stack of folded linen napkins in natural, sage and clay',
      optionNames: [],
      variants: single('LINEN-NAPKINS-4', 4200, inStock(25)),
    },
    {
      slug: 'insulated-bottle',
      title: 'Insulated Trail Bottle',
      description:
        'A 24 oz double-wall steel bottle that keeps water cold for a day and coffee hot through the morning. The leak-proof cap has a carry loop. Powder-coated so it does not slip in wet hands.',
      ...image('insulated-bottle'),
      imageAlt: 'A lake-blue insulated steel bottle with a black cap and carry loop',
      optionNames: ['Colour'],
      variants: [
        option('INSULATED-BOTTLE-LAK', ['Lake'], 3600, inStock(18)),
        option('INSULATED-BOTTLE-FOR', ['Forest'], 3600, inStock(2)),
        option('INSULATED-BOTTLE-STN', ['Stone'], 3600, inStock(11)),
      ],
    },
    {
      slug: 'hardwood-cutting-board',
      title: 'Walnut Cutting Board',
      description:
        'An edge-grain board in oiled black walnut with a juice groove on one side and a flat serving face on the other. Kind to knives and handsome on the table. 16 × 11 in.',
      ...image('hardwood-cutting-board'),
      imageAlt: 'A walnut cutting board with a juice groove and a hanging hole',
      optionNames: [],
      variants: single('WALNUT-BOARD-16', 5800, inStock(18)),
    },
    {
      // Unpublished: must never appear in the storefront.
      slug: 'prototype-stove',
      title: 'Prototype Camp Stove',
      description: 'A compact canister stove we are still testing. Not for sale yet. Internal samples only.',
      ...image('prototype-stove'),
      imageAlt: 'A small camping stove on a blue fuel canister',
      optionNames: [],
      published: false,
      variants: single('PROTOTYPE-STOVE', 5400, inStock(5)),
    },
  ];
}

export interface DemoPurchaseOrder {
  supplier: string;
  /** Days from the seed date until the units arrive. */
  arrivesInDays: number;
  lines: { sku: string; quantity: number }[];
}

/**
 * Open purchase orders behind the demo's dated backorders. Each arrives the store's handling time
 * before the variant's own promise, so the dates shoppers see are the ones the catalog above
 * describes; past the units on order the variant's own date applies.
 */
export function demoPurchaseOrders(handling: number): DemoPurchaseOrder[] {
  return [
    { supplier: 'Lodge Foundry Supply', arrivesInDays: 45 - handling, lines: [{ sku: 'CAST-IRON-SKILLET-10', quantity: 12 }] },
    { supplier: 'Highland Mills', arrivesInDays: 21 - handling, lines: [{ sku: 'MERINO-THROW', quantity: 8 }] },
    { supplier: 'Coastal Linen Co.', arrivesInDays: 14 - handling, lines: [{ sku: 'LINEN-SHIRT-L-NVY', quantity: 6 }] },
    { supplier: 'Ridgeline Outerwear', arrivesInDays: 10 - handling, lines: [{ sku: 'RAIN-SHELL-M', quantity: 5 }] },
  ];
}

/**
 * Inserts the demo catalog in one transaction, skipping products whose slug already
 * exists, so running it twice inserts nothing the second time. Returns what was inserted.
 */
export async function seedDemoCatalog(db: Database, today: string): Promise<{ products: number; variants: number }> {
  if (!isIsoDate(today)) throw new RangeError(`today must be a YYYY-MM-DD date, got ${today}`);
  const catalog = demoCatalog(today);

  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ slug: products.slug })
      .from(products)
      .where(
        inArray(
          products.slug,
          catalog.map((p) => p.slug),
        ),
      );
    const taken = new Set(existing.map((row) => row.slug));
    let productCount = 0;
    let variantCount = 0;
    const newVariants = new Map<string, string>();

    for (const { variants: variantSeeds, ...product } of catalog) {
      if (taken.has(product.slug)) continue;
      const [row] = await tx.insert(products).values(product).onConflictDoNothing({ target: products.slug }).returning({ id: products.id });
      if (!row) continue;
      productCount += 1;

      const inserted = await tx
        .insert(variants)
        .values(variantSeeds.map((variant, position) => ({ ...variant, productId: row.id, position })))
        .returning({ id: variants.id, onHand: variants.onHand, sku: variants.sku });
      variantCount += inserted.length;
      for (const v of inserted) newVariants.set(v.sku, v.id);

      const openings = inserted
        .filter((variant) => variant.onHand > 0)
        .map((variant) => ({
          variantId: variant.id,
          change: variant.onHand,
          onHandAfter: variant.onHand,
          kind: 'opening' as const,
          reason: 'Opening stock',
          actor: 'seed',
        }));
      if (openings.length > 0) await tx.insert(stockMovements).values(openings);
    }

    // Purchase orders only for variants this run created, so a second run adds none.
    for (const po of demoPurchaseOrders(handlingDays())) {
      const lines = po.lines.filter((l) => newVariants.has(l.sku));
      if (lines.length === 0) continue;
      const [order] = await tx
        .insert(purchaseOrders)
        .values({ supplier: po.supplier, expectedDate: addDays(today, po.arrivesInDays), createdBy: 'seed' })
        .returning({ id: purchaseOrders.id });
      await tx.insert(purchaseOrderLines).values(lines.map((l) => ({ purchaseOrderId: order!.id, variantId: newVariants.get(l.sku)!, quantity: l.quantity })));
    }

    return { products: productCount, variants: variantCount };
  });
}
