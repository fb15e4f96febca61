/**
 * A map for what usually holds one entry: the entry sits in two fields and a `Map` is made only for
 * a second. Per subscriber that matters: an empty `Map` is about 180 bytes, and every idle socket
 * and subscription keeps theirs for its whole life.
 */
export class SmallMap<K, V> {
  private key: K | undefined = undefined;
  private value: V | undefined = undefined;
  private single = false;
  private many: Map<K, V> | undefined = undefined;

  get size(): number {
    return this.many ? this.many.size : this.single ? 1 : 0;
  }

  get(key: K): V | undefined {
    if (this.many) return this.many.get(key);
    return this.single && this.key === key ? this.value : undefined;
  }

  has(key: K): boolean {
    return this.many ? this.many.has(key) : this.single && this.key === key;
  }

  set(key: K, value: V): this {
    if (this.many) this.many.set(key, value);
    else if (!this.single || this.key === key) {
      this.key = key;
      this.value = value;
      this.single = true;
    } else {
      this.many = new Map([
        [this.key as K, this.value as V],
        [key, value],
      ]);
      this.clearSingle();
    }
    return this;
  }

  delete(key: K): boolean {
    if (this.many) return this.many.delete(key);
    if (!this.single || this.key !== key) return false;
    this.clearSingle();
    return true;
  }

  clear(): void {
    this.clearSingle();
    this.many = undefined;
  }

  /** The entries in insertion order, as an array (safe to change the map while walking it). */
  entries(): [K, V][] {
    if (this.many) return [...this.many];
    return this.single ? [[this.key as K, this.value as V]] : [];
  }

  private clearSingle(): void {
    this.key = undefined;
    this.value = undefined;
    this.single = false;
  }
}
