import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { PrefixTable } from "../../src/numbering/index.js";

/** The obvious implementation the trie must agree with: try every length, longest first. */
function naiveLongest(map: Map<string, number>, digits: string): number | undefined {
  let end = 0;
  while (end < digits.length && digits[end]! >= "0" && digits[end]! <= "9") end++;
  for (let len = end; len >= 0; len--) {
    const v = map.get(digits.slice(0, len));
    if (v !== undefined) return v;
  }
  return undefined;
}

describe("PrefixTable", () => {
  it("answers the longest stored prefix", () => {
    const t = new PrefixTable<string>();
    t.set("44", "GB").set("447", "GB mobile").set("4477009", "lessee X");
    assert.equal(t.lookup("447700900123"), "lessee X");
    assert.equal(t.lookup("447800900123"), "GB mobile");
    assert.equal(t.lookup("441481234567"), "GB");
    assert.equal(t.lookup("33123"), undefined);
    assert.equal(t.lookup("44"), "GB");
    assert.equal(t.lookup("4"), undefined);
    assert.equal(t.size, 3);
  });

  it("lists every match along the path, shortest first", () => {
    const t = new PrefixTable<number>();
    t.set("2609", 1).set("26097", 2).set("260971234", 3);
    assert.deepEqual(t.matches("260971234567"), [
      { prefix: "2609", value: 1 },
      { prefix: "26097", value: 2 },
      { prefix: "260971234", value: 3 },
    ]);
    assert.deepEqual(t.longestMatch("26097999"), { prefix: "26097", value: 2 });
    assert.equal(t.longestMatch("1"), undefined);
  });

  it("starts at an offset and stops at the first non-digit", () => {
    const t = new PrefixTable<number>().set("12", 1).set("1234", 2);
    assert.equal(t.lookup("+1234", 1), 2);
    assert.equal(t.lookup("12a4"), 1);
    assert.equal(t.lookup("12#"), 1);
  });

  it("uses the empty prefix as a default", () => {
    const t = new PrefixTable<string>().set("", "default").set("9", "nine");
    assert.equal(t.lookup("123"), "default");
    assert.equal(t.lookup("99"), "nine");
    assert.equal(t.lookup(""), "default");
    assert.deepEqual(
      t.matches("9").map((m) => m.prefix),
      ["", "9"],
    );
  });

  it("replaces, deletes and enumerates", () => {
    const t = new PrefixTable<number>();
    t.set("123456", 1).set("123456", 2);
    assert.equal(t.size, 1);
    assert.equal(t.get("123456"), 2);
    t.set("123", 3).set("12399", 4);
    assert.deepEqual(
      [...t.entries()],
      [
        ["123", 3],
        ["123456", 2],
        ["12399", 4],
      ],
    );
    assert.equal(t.delete("123456"), true);
    assert.equal(t.delete("123456"), false);
    assert.equal(t.delete("12"), false);
    assert.equal(t.lookup("1234567"), 3);
    assert.equal(t.has("12399"), true);
    assert.equal(t.size, 2);
  });

  it("rejects prefixes that are not digit strings", () => {
    const t = new PrefixTable<number>();
    assert.throws(() => t.set("12a", 1), RangeError);
    assert.throws(() => t.set("+44", 1), RangeError);
  });

  it("agrees with a naive longest-prefix search on random tables", () => {
    const digitString = (max: number) => fc.string({ unit: fc.constantFrom(..."0123"), maxLength: max });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(digitString(7), fc.integer()), { maxLength: 60 }),
        fc.array(digitString(9), { maxLength: 30 }),
        fc.array(digitString(7), { maxLength: 10 }),
        (entries, queries, deletions) => {
          const t = new PrefixTable<number>(16);
          const ref = new Map<string, number>();
          for (const [p, v] of entries) {
            t.set(p, v);
            ref.set(p, v);
          }
          for (const p of deletions) assert.equal(t.delete(p), ref.delete(p));
          assert.equal(t.size, ref.size);
          for (const q of [...queries, ...entries.map(([p]) => p)]) {
            assert.equal(t.lookup(q), naiveLongest(ref, q), q);
            assert.equal(t.get(q), ref.get(q));
            const expected = [...ref.keys()]
              .filter((p) => q.startsWith(p))
              .sort((a, b) => a.length - b.length);
            assert.deepEqual(
              t.matches(q).map((m) => m.prefix),
              expected,
            );
          }
          assert.deepEqual(new Map(t.entries()), ref);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stays fast with 100k prefixes (well above 300k lookups/s)", () => {
    let s = 0x1234567;
    const rnd = () => {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      return s;
    };
    const digits = (n: number) => {
      let out = "";
      for (let i = 0; i < n; i++) out += String(rnd() % 10);
      return out;
    };
    const t = new PrefixTable<number>();
    const prefixes: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const p = digits(4 + (rnd() % 9));
      prefixes.push(p);
      t.set(p, i);
    }
    const queries = Array.from({ length: 200_000 }, (_, i) =>
      i % 2 === 0 ? prefixes[rnd() % prefixes.length]! + digits(4) : digits(13),
    );
    let hits = 0;
    const t0 = performance.now();
    for (const q of queries) if (t.lookup(q) !== undefined) hits++;
    const perSecond = queries.length / ((performance.now() - t0) / 1000);
    assert.ok(hits >= queries.length / 2);
    // The requirement is 300k/s; the bench (bench/prefix-table.ts) shows millions. Loose bound for busy CI.
    assert.ok(perSecond > 300_000, `${Math.round(perSecond)} lookups/s`);
  });
});
