/**
 * What the engine remembers per subscriber, bounded: one `SubscriberState` per subscriber, found by IMSI
 * and by MSISDN (linked when an SRI/SRI-SM answer reveals the pair), kept in a least-recently-seen list so
 * that idle subscribers expire (TTL in capture time) and the table never holds more than its cap. Nothing
 * here reads a clock: time is the capture time the engine passes in, so replays are identical.
 */
import type { Incident } from "./incidents.js";

/**
 * Stride of `SubscriberState.events`: [seconds, nanoseconds, originId, frame, opcode, flags], flags being
 * the verdict's index in `Verdict` times 2, plus 1 when it alerted.
 */
export const EVENT_STRIDE = 6;
/** Location-class events kept per subscriber at most (the burst window rarely needs more). */
export const MAX_EVENTS = 256;
/** Stride of `SubscriberState.smsRouting`: [originId, timeMs, seconds, nanoseconds, frame, flags] (flags as in events). */
export const SMS_ROUTING_STRIDE = 6;
/** Recent SRI-SM senders remembered per subscriber. */
export const MAX_SMS_ROUTING = 4;

export class SubscriberState {
  imsi: string | undefined = undefined;
  msisdn: string | undefined = undefined;
  lastSeenMs = 0;
  /** Last known country (ISO alpha-2) and when it was learnt; undefined until a location is seen. */
  locationCountry: string | undefined = undefined;
  locationMs = 0;
  /**
   * Location-class requests from other networks, oldest first, flat (see EVENT_STRIDE), from
   * `eventsHead` on; allocated on the first one (most subscribers never get any).
   */
  events: number[] | undefined = undefined;
  eventsHead = 0;
  /** Recent SRI-SM senders, one entry per origin, newest last (see SMS_ROUTING_STRIDE). */
  smsRouting: number[] | undefined = undefined;
  /** While a location campaign at this subscriber lasts (capture time, ms): extended by each request. */
  campaignUntilMs = -Infinity;
  /** Open incidents about this subscriber (by kind), while they last. */
  incidents: Incident[] | undefined = undefined;
  // Least-recently-seen list links.
  newer: SubscriberState | undefined = undefined;
  older: SubscriberState | undefined = undefined;

  /** Number of events held. */
  eventCount(): number {
    return this.events ? (this.events.length - this.eventsHead) / EVENT_STRIDE : 0;
  }

  /** Drops events older than `sinceMs`; compacts the array once the dead head is large. */
  pruneEvents(sinceMs: number): void {
    const ev = this.events;
    if (!ev) return;
    let h = this.eventsHead;
    while (h < ev.length && ev[h]! * 1000 + ev[h + 1]! / 1e6 < sinceMs) h += EVENT_STRIDE;
    if (h >= ev.length) {
      ev.length = 0;
      h = 0;
    } else if (h >= 64 * EVENT_STRIDE) {
      ev.copyWithin(0, h);
      ev.length -= h;
      h = 0;
    }
    this.eventsHead = h;
  }

  addEvent(
    seconds: number,
    nanoseconds: number,
    originId: number,
    frame: number,
    opcode: number,
    flags: number,
  ): void {
    let ev = this.events;
    if (!ev) ev = this.events = [];
    if (this.eventCount() >= MAX_EVENTS) this.eventsHead += EVENT_STRIDE;
    ev.push(seconds, nanoseconds, originId, frame, opcode, flags);
  }

  addSmsRouting(
    originId: number,
    timeMs: number,
    seconds: number,
    nanoseconds: number,
    frame: number,
    flags: number,
  ): void {
    let r = this.smsRouting;
    if (!r) r = this.smsRouting = [];
    for (let i = 0; i < r.length; i += SMS_ROUTING_STRIDE) {
      if (r[i] === originId) {
        r.splice(i, SMS_ROUTING_STRIDE);
        break;
      }
    }
    if (r.length >= MAX_SMS_ROUTING * SMS_ROUTING_STRIDE) r.splice(0, SMS_ROUTING_STRIDE);
    r.push(originId, timeMs, seconds, nanoseconds, frame, flags);
  }

  /** Copies what `other` knows that this state does not (newer location, routing, events); identities are the table's business. */
  absorb(other: SubscriberState): void {
    if (other.locationCountry !== undefined && other.locationMs >= this.locationMs) {
      this.locationCountry = other.locationCountry;
      this.locationMs = other.locationMs;
    }
    const r = other.smsRouting;
    if (r)
      for (let i = 0; i < r.length; i += SMS_ROUTING_STRIDE)
        this.addSmsRouting(r[i]!, r[i + 1]!, r[i + 2]!, r[i + 3]!, r[i + 4]!, r[i + 5]!);
    const ev = other.events;
    if (ev) {
      for (let i = other.eventsHead; i < ev.length; i += EVENT_STRIDE)
        this.addEvent(ev[i]!, ev[i + 1]!, ev[i + 2]!, ev[i + 3]!, ev[i + 4]!, ev[i + 5]!);
      // Keep time order after the merge (insertion sort: both runs are sorted and short).
      const mine = this.events!;
      const n = (mine.length - this.eventsHead) / EVENT_STRIDE;
      const rows: number[][] = [];
      for (let i = 0; i < n; i++)
        rows.push(mine.slice(this.eventsHead + i * EVENT_STRIDE, this.eventsHead + (i + 1) * EVENT_STRIDE));
      rows.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[3]! - b[3]!);
      mine.length = 0;
      this.eventsHead = 0;
      for (const r of rows) mine.push(...r);
    }
    if (other.incidents) this.incidents = [...(this.incidents ?? []), ...other.incidents];
  }
}

export interface SubscriberTableLimits {
  maxSubscribers: number;
  ttlMs: number;
}

/** Subscribers by IMSI and by MSISDN, least recently seen evicted first. */
export class SubscriberTable {
  private readonly byImsi = new Map<string, SubscriberState>();
  private readonly byMsisdn = new Map<string, SubscriberState>();
  /** Most recently seen end of the list, and the least recently seen end. */
  private newest: SubscriberState | undefined = undefined;
  private oldest: SubscriberState | undefined = undefined;
  size = 0;
  evicted = 0;

  constructor(public limits: SubscriberTableLimits) {}

  /**
   * The state for this IMSI and/or MSISDN, created if new, marked seen at `nowMs`. When both identities
   * are given and name two different states, they are merged into one (the pair is now known).
   */
  touch(imsi: string | undefined, msisdn: string | undefined, nowMs: number): SubscriberState | undefined {
    let s = imsi !== undefined ? this.byImsi.get(imsi) : undefined;
    const m = msisdn !== undefined ? this.byMsisdn.get(msisdn) : undefined;
    if (s === undefined) s = m;
    else if (m !== undefined && m !== s) {
      s.absorb(m);
      this.remove(m);
    }
    if (s === undefined) {
      if (imsi === undefined && msisdn === undefined) return undefined;
      s = new SubscriberState();
      this.size++;
    } else {
      this.unlink(s);
    }
    if (imsi !== undefined && s.imsi !== imsi) {
      if (s.imsi !== undefined) this.byImsi.delete(s.imsi);
      s.imsi = imsi;
      this.byImsi.set(imsi, s);
    }
    if (msisdn !== undefined && s.msisdn !== msisdn) {
      if (s.msisdn !== undefined) this.byMsisdn.delete(s.msisdn);
      s.msisdn = msisdn;
      this.byMsisdn.set(msisdn, s);
    }
    s.lastSeenMs = nowMs;
    this.linkNewest(s);
    this.expire(nowMs);
    return s;
  }

  /** Looks a subscriber up without marking it seen. */
  find(imsi: string | undefined, msisdn: string | undefined): SubscriberState | undefined {
    return (
      (imsi !== undefined ? this.byImsi.get(imsi) : undefined) ??
      (msisdn !== undefined ? this.byMsisdn.get(msisdn) : undefined)
    );
  }

  /** Evicts idle subscribers (TTL) and, over the cap, the least recently seen. */
  private expire(nowMs: number): void {
    const limit = nowMs - this.limits.ttlMs;
    let o = this.oldest;
    while (o !== undefined && (this.size > this.limits.maxSubscribers || o.lastSeenMs < limit)) {
      const next = o.newer;
      this.remove(o);
      this.evicted++;
      o = next;
    }
  }

  private remove(s: SubscriberState): void {
    this.unlink(s);
    if (s.imsi !== undefined && this.byImsi.get(s.imsi) === s) this.byImsi.delete(s.imsi);
    if (s.msisdn !== undefined && this.byMsisdn.get(s.msisdn) === s) this.byMsisdn.delete(s.msisdn);
    this.size--;
  }

  private unlink(s: SubscriberState): void {
    if (s.newer) s.newer.older = s.older;
    else if (this.newest === s) this.newest = s.older;
    if (s.older) s.older.newer = s.newer;
    else if (this.oldest === s) this.oldest = s.newer;
    s.newer = s.older = undefined;
  }

  private linkNewest(s: SubscriberState): void {
    s.older = this.newest;
    s.newer = undefined;
    if (this.newest) this.newest.newer = s;
    this.newest = s;
    if (!this.oldest) this.oldest = s;
  }
}
