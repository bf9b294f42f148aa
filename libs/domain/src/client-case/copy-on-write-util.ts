/** Copy-on-write helpers: evolve never mutates, so an earlier state stays valid after a fold. */

export function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  return new Map(map).set(key, value);
}

export function withoutEntry<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}

export function withMembers<T>(set: ReadonlySet<T>, members: Iterable<T>): ReadonlySet<T> {
  return new Set([...set, ...members]);
}

export function withoutMembers<T>(set: ReadonlySet<T>, members: Iterable<T>): ReadonlySet<T> {
  const copy = new Set(set);
  for (const member of members) copy.delete(member);
  return copy;
}
