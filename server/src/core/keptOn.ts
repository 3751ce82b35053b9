/**
 * What is worked out once for an object and kept for it, stored on the object itself.
 *
 * A `WeakMap` keyed by the object looks like the natural home, but V8's young-generation collector (the scavenger)
 * treats every value of a `WeakMap` as live for as long as the map is, whatever became of its key: only a full
 * collection drops an entry whose key died. A memo keyed by an object that lives for one check (a chunk's parse, a
 * chunk placed in one version of a document, a parsed version, the findings of a chunk in one scope) therefore kept
 * what it held alive through every young collection: the collections copied it, then promoted it to the old
 * generation, where it waited for a full collection. After each keystroke in a long document, and for each document
 * of a workspace checked once. A value kept on its object dies with it, in the next young collection.
 *
 * The property is a symbol and not enumerable: the object reads, compares (`JSON.stringify`, test equality) and posts
 * (`structuredClone` skips symbols) as before. An object that takes no new property (frozen) keeps its value in a
 * `WeakMap` instead.
 */
export interface Kept<K extends object, V> {
  get(key: K): V | undefined;
  /** Keeps `value` for `key` (replacing what was kept) and returns it. */
  set(key: K, value: V): V;
}

export function keptOn<K extends object, V>(name: string): Kept<K, V> {
  const slot = Symbol(name);
  let frozen: WeakMap<K, V> | undefined;
  return {
    get(key) {
      const v = (key as { [slot]?: V })[slot];
      return v !== undefined || frozen === undefined ? v : frozen.get(key);
    },
    set(key, value) {
      if (slot in key) (key as { [slot]?: V })[slot] = value;
      else if (Object.isExtensible(key)) Object.defineProperty(key, slot, { value, writable: true, configurable: true });
      else (frozen ??= new WeakMap()).set(key, value);
      return value;
    },
  };
}

/**
 * Accessors for lazy properties, one descriptor per key, each with a getter function shared by every object it is
 * defined on: the getter reads the object's state from `state` and returns `read(state)[key]`. An accessor made of a
 * closure per object would give each object hidden classes of its own in V8, and those would hold the closure (and
 * all it reaches) through every young collection.
 */
export function sharedGetters<Key extends string, S, Lists extends Record<Key, unknown>>(keys: readonly Key[], state: Kept<object, S>, read: (s: S) => Lists): Record<Key, PropertyDescriptor> {
  const out = {} as Record<Key, PropertyDescriptor>;
  for (const key of keys) {
    out[key] = {
      get(this: object) {
        return read(state.get(this)!)[key];
      },
      enumerable: true,
      configurable: true,
    };
  }
  return out;
}
