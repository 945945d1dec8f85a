// Lookups in constant tables keyed by what a trace or a request says (tool names, shell programs,
// argument names). `table[key]` would find Object.prototype's members for `constructor`,
// `__proto__` or `toString` and then throw or misclassify (issue 13); only own entries count.

/** The table's own entry for `key`, or undefined. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
