/** Maps from a key to several values (a set or a list), with the add and delete the index uses. */

export function addToSetMap<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key)
  if (set === undefined) map.set(key, new Set([value]))
  else set.add(value)
}

export function addToListMap<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

export function deleteFromListMap<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) return
  const at = list.indexOf(value)
  if (at !== -1) list.splice(at, 1)
  if (list.length === 0) map.delete(key)
}

export function deleteFromSetMap<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key)
  if (set === undefined) return
  set.delete(value)
  if (set.size === 0) map.delete(key)
}

/**
 * Adds `value` unless it is the list's last entry: a note adds itself to one list several times
 * in a row (once per link), so the last entry tells whether it is there already (a Set per note
 * cost more at 650k links).
 */
export function addOnceToListMap<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else if (list[list.length - 1] !== value) list.push(value)
}
