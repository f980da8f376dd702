/** One value or a list of them (as soql-parser-js and setups write them) as a list; none is empty. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
