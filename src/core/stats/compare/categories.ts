/**
 * Aligns two sets of category counts on the union of their categories (reference categories
 * first, in their order, then categories seen only in the current data, in theirs). A category
 * missing on one side gets count 0 there; no smoothing happens here (see divergence.ts).
 *
 * Example: alignCategories({ a: 3, b: 1 }, { b: 2, c: 5 }) = { categories: ['a', 'b', 'c'],
 * reference: [3, 1, 0], current: [0, 2, 5] }.
 */
export function alignCategories(reference: Readonly<Record<string, number>>, current: Readonly<Record<string, number>>): { categories: string[]; reference: number[]; current: number[] } {
  const categories = [...Object.keys(reference)];
  for (const c of Object.keys(current)) if (!Object.hasOwn(reference, c)) categories.push(c);
  return {
    categories,
    reference: categories.map((c) => reference[c] ?? 0),
    current: categories.map((c) => current[c] ?? 0),
  };
}
