/** A URL slug from a title: "Cast-Iron Skillet, 10 in" -> "cast-iron-skillet-10-in". Pure; used in the browser too. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
}
