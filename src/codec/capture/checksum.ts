/** Checksums of the transport layers: CRC32c for SCTP and the Internet checksum for IPv4 / TCP. */

/** CRC-32C (Castagnoli) polynomial, bit-reversed: RFC 9260 Appendix A uses 0x1EDC6F41 → reflected 0x82F63B78. */
const CASTAGNOLI_REFLECTED = 0x82f63b78;

/** Four 256-entry tables for slicing-by-4 (table k = the CRC of a byte followed by k zero bytes). */
const CRC_TABLES: Int32Array = (() => {
  const t = new Int32Array(1024);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ CASTAGNOLI_REFLECTED : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 4; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/**
 * Continues a CRC-32C over `bytes[start, end)`. Start with `crc = 0xffffffff` and finish with `~crc`,
 * or use `crc32c()` for one buffer.
 */
export function crc32cUpdate(crc: number, bytes: Uint8Array, start: number, end: number): number {
  const t = CRC_TABLES;
  let c = crc | 0;
  let i = start;
  const end4 = end - ((end - start) & 3);
  while (i < end4) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c = t[768 + (c & 0xff)]! ^ t[512 + ((c >>> 8) & 0xff)]! ^ t[256 + ((c >>> 16) & 0xff)]! ^ t[c >>> 24]!;
    i += 4;
  }
  while (i < end) c = t[(c ^ bytes[i++]!) & 0xff]! ^ (c >>> 8);
  return c;
}

/** CRC-32C of `bytes[start, end)` as an unsigned 32-bit number (check value of "123456789" is 0xE3069283). */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return ~crc32cUpdate(-1, bytes, start, end) >>> 0;
}

/**
 * The SCTP checksum of the packet `bytes[start, end)` (RFC 9260 §6.8 / Appendix A): CRC-32C over the
 * whole packet with the checksum field taken as zero. The four bytes are stored least significant byte
 * first (Appendix A's reference code), i.e. the field holds the CRC in little-endian order.
 */
export function sctpChecksum(bytes: Uint8Array, start: number, end: number): number {
  let c = crc32cUpdate(-1, bytes, start, start + 8);
  c = crc32cUpdate(c, ZERO4, 0, 4);
  c = crc32cUpdate(c, bytes, start + 12, end);
  return ~c >>> 0;
}

const ZERO4 = new Uint8Array(4);

/** Whether the SCTP packet `bytes[start, end)` carries a correct CRC-32C checksum. */
export function sctpChecksumValid(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 12) return false;
  const stored =
    (bytes[start + 8]! |
      (bytes[start + 9]! << 8) |
      (bytes[start + 10]! << 16) |
      (bytes[start + 11]! << 24)) >>>
    0;
  return stored === sctpChecksum(bytes, start, end);
}

/**
 * One's-complement sum of 16-bit big-endian words of `bytes[start, end)` added to `sum` (RFC 1071),
 * not yet folded or complemented. An odd trailing byte is padded with zero.
 */
export function onesComplementSum(sum: number, bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const even = end - ((end - start) & 1);
  for (; i < even; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) sum += bytes[i]! << 8;
  return sum;
}

/** Folds a sum from `onesComplementSum` to 16 bits and complements it: the value to put on the wire. */
export function finishInternetChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 65536);
  return ~sum & 0xffff;
}
