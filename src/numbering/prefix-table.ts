/**
 * A longest-prefix table over decimal digit strings: global title ranges → operator or lessee, E.164
 * country codes → country, and the like.
 *
 * Layout: a 10-ary digit trie kept in typed arrays (child links, value slots) rather than objects, so a
 * lookup is one tight loop of array reads with no allocation and no hashing, and 100k prefixes take a few
 * megabytes of contiguous memory instead of hundreds of thousands of small objects. Node 0 is the root; a
 * child link of 0 means "no child" (the root is nobody's child).
 *
 * Path compression for the sparse bottom of the trie: below the shared upper levels, most stored prefixes
 * continue as a chain that nothing else shares. Such a chain is not built node by node; the childless node
 * where it starts keeps the rest of the prefix as a "tail" string, matched with one `startsWith`. A later
 * insert that needs to pass through a tail first pushes it one level down ("bursts" it). This keeps a
 * lookup to about as many cache misses as there are branching levels, which is what makes 100k random
 * prefixes fast (bench/prefix-table.ts).
 *
 * Keys are the digits 0-9. A lookup stops at the first character that is not a digit (a GT's hex filler
 * digits, `*`, `#`) and answers the longest prefix matched so far.
 */

/** One prefix found along a lookup path. */
export interface PrefixMatch<T> {
  readonly prefix: string;
  readonly value: T;
}

const FANOUT = 10;

export class PrefixTable<T> {
  /** children[node * 10 + digit]: the child node, 0 for none. */
  private children: Int32Array;
  /** slot[node]: index into `values` of the value stored at node, -1 for none. */
  private slot: Int32Array;
  /** tail[node]: index into `tailDigits`/`tailSlot` of the chain below a childless node, -1 for none. */
  private tail: Int32Array;
  private readonly tailDigits: string[] = [];
  private readonly tailSlot: number[] = [];
  private readonly values: (T | undefined)[] = [];
  private nodeCount = 1;
  private entryCount = 0;

  /** `capacity` is a node-count hint; the table grows by doubling as needed. */
  constructor(capacity = 1024) {
    const n = Math.max(16, capacity | 0);
    this.children = new Int32Array(n * FANOUT);
    this.slot = new Int32Array(n).fill(-1);
    this.tail = new Int32Array(n).fill(-1);
  }

  /** Number of prefixes stored. */
  get size(): number {
    return this.entryCount;
  }

  /** Number of trie nodes in use (48 bytes of typed arrays each; tails are strings on top). */
  get nodes(): number {
    return this.nodeCount;
  }

  private grow(): void {
    const cap = this.slot.length * 2;
    const children = new Int32Array(cap * FANOUT);
    children.set(this.children);
    const slot = new Int32Array(cap).fill(-1);
    slot.set(this.slot);
    const tail = new Int32Array(cap).fill(-1);
    tail.set(this.tail);
    this.children = children;
    this.slot = slot;
    this.tail = tail;
  }

  private newNode(): number {
    if (this.nodeCount === this.slot.length) this.grow();
    return this.nodeCount++;
  }

  private static checkPrefix(prefix: string): void {
    if (typeof prefix !== "string") throw new TypeError("a prefix is a string of digits");
    for (let i = 0; i < prefix.length; i++) {
      const d = prefix.charCodeAt(i) - 48;
      if (d < 0 || d > 9) throw new RangeError(`prefix ${JSON.stringify(prefix)} has a non-digit at ${i}`);
    }
  }

  /** Moves the tail of childless `node` one level down into a real child. */
  private burst(node: number): void {
    const t = this.tail[node]!;
    this.tail[node] = -1;
    const rest = this.tailDigits[t]!;
    const child = this.newNode();
    this.children[node * FANOUT + rest.charCodeAt(0) - 48] = child;
    if (rest.length === 1) {
      this.slot[child] = this.tailSlot[t]!;
    } else {
      this.tailDigits[t] = rest.slice(1);
      this.tail[child] = t;
    }
  }

  /** Stores `value` under `prefix` (digits only; "" is the default for every input), replacing any old one. */
  set(prefix: string, value: T): this {
    PrefixTable.checkPrefix(prefix);
    let node = 0;
    for (let i = 0; i < prefix.length; i++) {
      const t = this.tail[node]!;
      if (t >= 0) {
        if (this.tailDigits[t] === prefix.slice(i)) {
          this.values[this.tailSlot[t]!] = value;
          return this;
        }
        this.burst(node);
      }
      const at = node * FANOUT + prefix.charCodeAt(i) - 48;
      const next = this.children[at]!;
      if (next !== 0) {
        node = next;
        continue;
      }
      // A new branch: one node, and the rest of the prefix (if any) as its tail.
      const child = this.newNode();
      this.children[at] = child;
      const index = this.values.length;
      this.values.push(value);
      this.entryCount++;
      if (i + 1 === prefix.length) {
        this.slot[child] = index;
      } else {
        this.tail[child] = this.tailDigits.length;
        this.tailDigits.push(prefix.slice(i + 1));
        this.tailSlot.push(index);
      }
      return this;
    }
    const s = this.slot[node]!;
    if (s >= 0) {
      this.values[s] = value;
    } else {
      this.slot[node] = this.values.length;
      this.values.push(value);
      this.entryCount++;
    }
    return this;
  }

  /** The value index stored under exactly `prefix`, -1 when none. */
  private indexOf(prefix: string): number {
    let node = 0;
    for (let i = 0; i < prefix.length; i++) {
      const t = this.tail[node]!;
      if (t >= 0) return this.tailDigits[t] === prefix.slice(i) ? this.tailSlot[t]! : -1;
      const d = prefix.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      node = this.children[node * FANOUT + d]!;
      if (node === 0) return -1;
    }
    return this.slot[node]!;
  }

  /** The value stored under exactly `prefix`. */
  get(prefix: string): T | undefined {
    const s = this.indexOf(prefix);
    return s >= 0 ? this.values[s] : undefined;
  }

  has(prefix: string): boolean {
    return this.indexOf(prefix) >= 0;
  }

  /** Removes `prefix`; trie nodes stay allocated (tables are built once and rarely shrink). */
  delete(prefix: string): boolean {
    let node = 0;
    for (let i = 0; i < prefix.length; i++) {
      const t = this.tail[node]!;
      if (t >= 0) {
        if (this.tailDigits[t] !== prefix.slice(i)) return false;
        this.values[this.tailSlot[t]!] = undefined;
        this.tail[node] = -1;
        this.entryCount--;
        return true;
      }
      const d = prefix.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      node = this.children[node * FANOUT + d]!;
      if (node === 0) return false;
    }
    const s = this.slot[node]!;
    if (s < 0) return false;
    this.values[s] = undefined;
    this.slot[node] = -1;
    this.entryCount--;
    return true;
  }

  /** The value of the longest stored prefix of `digits[start..]` — the hot path: no allocation. */
  lookup(digits: string, start = 0): T | undefined {
    const children = this.children;
    const slot = this.slot;
    const tail = this.tail;
    let node = 0;
    let best = slot[0]!;
    const n = digits.length;
    for (let i = start; ; i++) {
      const t = tail[node]!;
      if (t >= 0) {
        if (digits.startsWith(this.tailDigits[t]!, i)) best = this.tailSlot[t]!;
        break;
      }
      if (i >= n) break;
      const d = digits.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      node = children[node * FANOUT + d]!;
      if (node === 0) break;
      const s = slot[node]!;
      if (s >= 0) best = s;
    }
    return best >= 0 ? this.values[best] : undefined;
  }

  /**
   * Every stored prefix of `digits[start..]`, shortest first (e.g. an operator's GT range, then a lessee's
   * sub-range inside it).
   */
  matches(digits: string, start = 0): PrefixMatch<T>[] {
    const out: PrefixMatch<T>[] = [];
    let node = 0;
    const root = this.slot[0]!;
    if (root >= 0) out.push({ prefix: "", value: this.values[root] as T });
    for (let i = start; ; i++) {
      const t = this.tail[node]!;
      if (t >= 0) {
        const rest = this.tailDigits[t]!;
        if (digits.startsWith(rest, i)) {
          out.push({
            prefix: digits.slice(start, i + rest.length),
            value: this.values[this.tailSlot[t]!] as T,
          });
        }
        break;
      }
      if (i >= digits.length) break;
      const d = digits.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      node = this.children[node * FANOUT + d]!;
      if (node === 0) break;
      const s = this.slot[node]!;
      if (s >= 0) out.push({ prefix: digits.slice(start, i + 1), value: this.values[s] as T });
    }
    return out;
  }

  /** The longest stored prefix of `digits[start..]` with its value. */
  longestMatch(digits: string, start = 0): PrefixMatch<T> | undefined {
    const all = this.matches(digits, start);
    return all[all.length - 1];
  }

  /** Every (prefix, value) pair, in lexicographic prefix order. */
  *entries(): IterableIterator<[string, T]> {
    const stack: [number, string][] = [[0, ""]];
    while (stack.length > 0) {
      const [node, prefix] = stack.pop()!;
      const s = this.slot[node]!;
      if (s >= 0) yield [prefix, this.values[s] as T];
      const t = this.tail[node]!;
      if (t >= 0) {
        yield [prefix + this.tailDigits[t]!, this.values[this.tailSlot[t]!] as T];
        continue;
      }
      for (let d = FANOUT - 1; d >= 0; d--) {
        const child = this.children[node * FANOUT + d]!;
        if (child !== 0) stack.push([child, prefix + d]);
      }
    }
  }
}
