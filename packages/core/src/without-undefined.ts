/**
 * A copy without the properties set to `undefined`: `{ loginUrl: process.env.X }` with X unset
 * means "the default", and must neither override one nor count as a different config.
 */
export function withoutUndefined<T extends object>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
