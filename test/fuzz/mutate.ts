/**
 * Deterministic input mutator for hostile-input tests and `npm run fuzz`: the same (seed bytes, n)
 * always gives the same mutation, so a failure reproduces from the two numbers printed with it.
 * Mutations mirror what breaks binary decoders: truncation, bit flips, lying length fields (set to
 * 0x00/0x7f/0x80/0x81/0xff), inserted and deleted bytes, duplicated ranges.
 */
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xfe, 0xff];

/** xorshift32: tiny, fast and reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

export function mutate(seed: Uint8Array, n: number): Uint8Array {
  const next = rng(n * 2654435761 + seed.length);
  let out = Uint8Array.from(seed);
  const rounds = 1 + (next() % 4);
  for (let r = 0; r < rounds; r++) {
    const len = out.length;
    const at = len === 0 ? 0 : next() % len;
    switch (next() % 7) {
      case 0: // truncate
        out = out.subarray(0, at);
        break;
      case 1: // flip one bit
        if (len) out[at] = out[at]! ^ (1 << (next() % 8));
        break;
      case 2: // lying length / interesting value
        if (len) out[at] = INTERESTING[next() % INTERESTING.length]!;
        break;
      case 3: // random byte
        if (len) out[at] = next() & 0xff;
        break;
      case 4: {
        // insert random bytes
        const k = 1 + (next() % 8);
        const ins = new Uint8Array(k);
        for (let i = 0; i < k; i++) ins[i] = next() & 0xff;
        const o = new Uint8Array(len + k);
        o.set(out.subarray(0, at));
        o.set(ins, at);
        o.set(out.subarray(at), at + k);
        out = o;
        break;
      }
      case 5: {
        // delete a range
        const k = Math.min(len - at, 1 + (next() % 8));
        const o = new Uint8Array(len - k);
        o.set(out.subarray(0, at));
        o.set(out.subarray(at + k), at);
        out = o;
        break;
      }
      default: {
        // duplicate a range (deep nesting, repeated parameters)
        const k = Math.min(len - at, 1 + (next() % 32));
        const o = new Uint8Array(len + k);
        o.set(out.subarray(0, at + k));
        o.set(out.subarray(at, at + k), at + k);
        o.set(out.subarray(at + k), at + 2 * k);
        out = o;
      }
    }
  }
  return out;
}
