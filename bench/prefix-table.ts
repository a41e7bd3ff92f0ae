/**
 * PrefixTable micro-benchmark: 100k random GT prefixes (4–12 digits), then longest-prefix lookups of
 * 12–15-digit global titles, half of which extend a stored prefix. Prints lookups per second.
 *
 *   node --import tsx bench/prefix-table.ts [--prefixes 100000] [--lookups 2000000] [--rounds 5]
 *
 * The firewall needs at least 300k lookups/s (one per GT per message); the figure printed here is what
 * README claims.
 */
import { countryOfE164 } from "../src/numbering/e164.js";
import { PrefixTable } from "../src/numbering/prefix-table.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const PREFIXES = arg("prefixes", 100_000);
const LOOKUPS = arg("lookups", 2_000_000);
const ROUNDS = arg("rounds", 5);

/** xorshift32, seeded, so runs are comparable. */
let seed = 0x2545f491;
function rnd(): number {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed;
}
function digits(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String(rnd() % 10);
  return s;
}

const prefixes: string[] = [];
for (let i = 0; i < PREFIXES; i++) prefixes.push(digits(4 + (rnd() % 9)));

const heapBefore = process.memoryUsage().heapUsed;
let t0 = performance.now();
const table = new PrefixTable<number>();
for (let i = 0; i < prefixes.length; i++) table.set(prefixes[i]!, i);
const buildMs = performance.now() - t0;
const heapAfter = process.memoryUsage().heapUsed;

const queries: string[] = [];
for (let i = 0; i < LOOKUPS; i++) {
  const base = i % 2 === 0 ? prefixes[rnd() % prefixes.length]! : "";
  const len = 12 + (rnd() % 4);
  queries.push(base.length >= len ? base : base + digits(len - base.length));
}

let hits = 0;
let best = 0;
for (let r = 0; r < ROUNDS; r++) {
  t0 = performance.now();
  for (let i = 0; i < queries.length; i++) if (table.lookup(queries[i]!) !== undefined) hits++;
  const rate = queries.length / ((performance.now() - t0) / 1000);
  best = Math.max(best, rate);
}

// The same loop through the E.164 country table (built once before timing).
countryOfE164("1");
t0 = performance.now();
for (let i = 0; i < queries.length; i++) if (countryOfE164(queries[i]!) !== undefined) hits++;
const e164Rate = queries.length / ((performance.now() - t0) / 1000);

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `prefixes:          ${fmt(table.size)} (${fmt(table.nodes)} trie nodes, built in ${buildMs.toFixed(0)} ms)`,
);
console.log(
  `table memory:      ~${((table.nodes * 48) / 1e6).toFixed(1)} MB typed arrays + tail strings (heap delta ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB)`,
);
console.log(`lookups/s:         ${fmt(best)} (best of ${ROUNDS} rounds of ${fmt(queries.length)})`);
console.log(`countryOfE164/s:   ${fmt(e164Rate)}`);
console.log(`(hits: ${fmt(hits)})`);
