/**
 * XUDT/LUDT segment reassembly (Q.714 §4.1.1.3), as a pure state machine: the caller passes `now` (any
 * monotonic number, e.g. milliseconds) with every call; nothing reads a clock or sets a timer.
 *
 * A reassembly is keyed by the calling party address, the segmentation local reference and a caller-supplied
 * flow key (Q.714 adds the originating point code; an M3UA association or routing context also fits).
 * Memory is bounded: at most `maxEntries` reassemblies and `maxBytes` buffered octets in all; past either
 * cap the oldest reassembly is dropped. A reassembly older than `timeout` (the T(reass) timer) is dropped
 * on the next call.
 *
 * Segments may arrive in any order (each one's place follows from its remaining-segments count); an exact
 * duplicate is ignored; a segment that contradicts what is buffered (a different first-segment count, a
 * different payload for the same place, a place beyond the first segment's count) drops the reassembly and
 * throws DecodeError — the only exception `add`/`accept` throw.
 */
import { toHex } from "../bytes.js";
import { DecodeError } from "../errors.js";
import { SCCP_MAX_SEGMENTS } from "./constants.js";
import { type SccpFastView, sccpFastAddressKey } from "./fast.js";
import type { SccpAddress, SccpUnitdataMessage } from "./types.js";

export interface SccpReassemblerOptions {
  /** Reassemblies in progress at once; default 1024. */
  maxEntries?: number;
  /** Octets buffered over all reassemblies; default 4 MiB. One reassembly larger than this fails. */
  maxBytes?: number;
  /** T(reass), in the unit of `now`; default 20 000 (Q.714 gives 10–20 s, `now` in ms). */
  timeout?: number;
}

export interface SccpReassemblerStats {
  completed: number;
  duplicates: number;
  expired: number;
  evicted: number;
  failed: number;
}

interface Entry {
  readonly created: number;
  /** Number of segments, known once the first segment (F = 1) has arrived; -1 before. */
  total: number;
  /** Segment payloads indexed by their remaining-segments count. */
  readonly slots: (Uint8Array | undefined)[];
  count: number;
  size: number;
}

/** The calling-address part of a reassembly key (equal to `sccpFastAddressKey` for the same address). */
export function sccpAddressKey(a: SccpAddress): string {
  const gt = a.gt;
  const raw = a.unknownGlobalTitle ? toHex(a.unknownGlobalTitle) : "";
  return `${a.nationalIndicator ? 1 : 0}/${a.routingIndicator}/${a.globalTitleIndicator}/${a.pc ?? -1}/${a.ssn ?? -1}/${gt?.tt ?? -1}/${gt?.np ?? -1}/${gt?.es ?? -1}/${gt?.nai ?? -1}/${gt?.digits ?? ""}${raw}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array, bStart: number, bEnd: number): boolean {
  if (a.length !== bEnd - bStart) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[bStart + i]) return false;
  return true;
}

export class SccpReassembler {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly timeout: number;
  readonly stats: SccpReassemblerStats = { completed: 0, duplicates: 0, expired: 0, evicted: 0, failed: 0 };
  /** In creation order, so the first entry is always the oldest. */
  private readonly entries = new Map<string, Entry>();
  private buffered = 0;

  constructor(options: SccpReassemblerOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 1024);
    this.maxBytes = Math.max(1, options.maxBytes ?? 4 * 1024 * 1024);
    this.timeout = options.timeout ?? 20_000;
  }

  /** Reassemblies in progress. */
  get size(): number {
    return this.entries.size;
  }

  /** Octets buffered over all reassemblies. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /**
   * Feeds a decoded message. Without a segmentation parameter its user data comes straight back (a view of
   * `bytes`); a segment returns the reassembled user data (a new buffer; a view for a lone first segment with
   * nothing remaining) when it completes the message, else undefined.
   */
  accept(msg: SccpUnitdataMessage, bytes: Uint8Array, now: number, flowKey = ""): Uint8Array | undefined {
    const seg = "segmentation" in msg ? msg.segmentation : undefined;
    if (!seg) return bytes.subarray(msg.dataStart, msg.dataEnd);
    return this.add(
      `${flowKey}|${sccpAddressKey(msg.calling)}|${seg.localReference}`,
      seg.firstSegment,
      seg.remainingSegments,
      bytes,
      msg.dataStart,
      msg.dataEnd,
      now,
    );
  }

  /** As `accept`, for a message decoded by `decodeSccpFast`. */
  acceptFast(view: SccpFastView, bytes: Uint8Array, now: number, flowKey = ""): Uint8Array | undefined {
    if (!view.segmented) return bytes.subarray(view.dataStart, view.dataEnd);
    return this.add(
      `${flowKey}|${sccpFastAddressKey(bytes, view.calling)}|${view.localReference}`,
      view.firstSegment,
      view.remainingSegments,
      bytes,
      view.dataStart,
      view.dataEnd,
      now,
    );
  }

  /**
   * The core step: one segment of the reassembly `key`, its payload `bytes[dataStart, dataEnd)` (copied).
   * Returns the whole user data when this segment completes it, else undefined.
   */
  add(
    key: string,
    firstSegment: boolean,
    remainingSegments: number,
    bytes: Uint8Array,
    dataStart: number,
    dataEnd: number,
    now: number,
  ): Uint8Array | undefined {
    if (
      !Number.isInteger(remainingSegments) ||
      remainingSegments < 0 ||
      remainingSegments >= SCCP_MAX_SEGMENTS
    ) {
      throw new DecodeError("sccp", dataStart, `remaining segments ${remainingSegments} outside 0–15`);
    }
    if (dataStart < 0 || dataEnd > bytes.length || dataStart > dataEnd) {
      throw new DecodeError("sccp", dataStart, `bad segment data range [${dataStart}, ${dataEnd})`);
    }
    this.expire(now);
    const size = dataEnd - dataStart;
    if (firstSegment && remainingSegments === 0) {
      // Q.714: a first segment with nothing remaining is the whole message; a stale reassembly under the
      // same key (the local reference reused) is finished with.
      this.drop(key);
      this.stats.completed++;
      return bytes.subarray(dataStart, dataEnd);
    }
    if (!firstSegment && remainingSegments === SCCP_MAX_SEGMENTS - 1) {
      throw this.fail(key, dataStart, "a segment after the first cannot have 15 remaining");
    }
    let e = this.entries.get(key);
    if (e) {
      if (firstSegment) {
        if (e.total >= 0 && e.total !== remainingSegments + 1) {
          throw this.fail(
            key,
            dataStart,
            `first segment announces ${remainingSegments + 1} segments, earlier ${e.total}`,
          );
        }
        for (let i = remainingSegments + 1; i < SCCP_MAX_SEGMENTS; i++) {
          if (e.slots[i])
            throw this.fail(
              key,
              dataStart,
              `a segment with ${i} remaining precedes a first segment with ${remainingSegments}`,
            );
        }
      } else if (e.total >= 0 && remainingSegments >= e.total - 1) {
        throw this.fail(
          key,
          dataStart,
          `segment with ${remainingSegments} remaining after a first segment of ${e.total - 1}`,
        );
      }
      const old = e.slots[remainingSegments];
      if (old) {
        // Only a first segment sets `total`, so this tells whether the buffered one was the first.
        const oldWasFirst = e.total === remainingSegments + 1;
        if (oldWasFirst === firstSegment && sameBytes(old, bytes, dataStart, dataEnd)) {
          this.stats.duplicates++;
          return undefined;
        }
        throw this.fail(
          key,
          dataStart,
          `segment with ${remainingSegments} remaining repeats with different contents`,
        );
      }
      if (e.size + size > this.maxBytes)
        throw this.fail(key, dataStart, `reassembly exceeds ${this.maxBytes} octets`);
    } else {
      if (size > this.maxBytes) throw this.fail(key, dataStart, `reassembly exceeds ${this.maxBytes} octets`);
      while (this.entries.size >= this.maxEntries) this.evictOldest(key);
      e = { created: now, total: -1, slots: new Array(SCCP_MAX_SEGMENTS).fill(undefined), count: 0, size: 0 };
      this.entries.set(key, e);
    }
    while (this.buffered + size > this.maxBytes) this.evictOldest(key);
    e.slots[remainingSegments] = bytes.slice(dataStart, dataEnd);
    e.count++;
    e.size += size;
    this.buffered += size;
    if (firstSegment) e.total = remainingSegments + 1;
    if (e.total < 0 || e.count < e.total) return undefined;
    // Complete: first segment (remaining total-1) down to the last (remaining 0).
    const out = new Uint8Array(e.size);
    let o = 0;
    for (let i = e.total - 1; i >= 0; i--) {
      const s = e.slots[i]!;
      out.set(s, o);
      o += s.length;
    }
    this.drop(key);
    this.stats.completed++;
    return out;
  }

  /** Drops reassemblies whose T(reass) has run out at `now`; returns how many. */
  expire(now: number): number {
    let n = 0;
    for (const [key, e] of this.entries) {
      if (now - e.created < this.timeout) break;
      this.drop(key);
      n++;
    }
    this.stats.expired += n;
    return n;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.buffered -= e.size;
    this.entries.delete(key);
  }

  /** Drops the oldest reassembly other than `keep` (which is only dropped when it is the only one). */
  private evictOldest(keep: string): void {
    for (const key of this.entries.keys()) {
      if (key === keep && this.entries.size > 1) continue;
      this.drop(key);
      this.stats.evicted++;
      return;
    }
  }

  private fail(key: string, offset: number, reason: string): DecodeError {
    this.drop(key);
    this.stats.failed++;
    return new DecodeError("sccp", offset, `reassembly failed: ${reason}`);
  }
}
