/**
 * The simulated home network's subscriber register: what its HLR stores about each subscriber. The
 * subscribers are the lab world's (`subscriber(HOME, i)` of src/lab/traffic.ts, i = 1…N), and each starts
 * where the generated traffic says it is (`homeSubscriberLocation`): most at home, served by the home
 * MSC/VLR, the outbound roamers by the MSC/VLR of the partner they visit. So a live lab and a generated
 * capture describe one world.
 *
 * `updateLocation` really moves a subscriber: the HLR believes whichever VLR last sent a successful
 * updateLocation, which is exactly what SMS interception abuses. Pure: no I/O, times are the caller's.
 */
import type { LabNetwork } from "../network.js";
import { HOME } from "../network.js";
import { homeSubscriberLocation, subscriber } from "../traffic.js";

/** Subscribers in a default register (as many as the generated background traffic addresses). */
export const DEFAULT_SUBSCRIBERS = 5_000;

/** `subscriber(HOME, i)` has room for five-digit MSISDN suffixes. */
export const MAX_SUBSCRIBERS = 99_999;

/** One subscriber as the HLR knows it. */
export interface SubscriberRecord {
  /** Index in the lab world (`subscriber(HOME, index)`). */
  readonly index: number;
  readonly imsi: string;
  readonly msisdn: string;
  /** GT of the VLR serving the subscriber (TS 23.012: the HLR's VLR number). */
  vlrNumber: string;
  /** GT of the MSC serving the subscriber (the networkNode-Number SRI-SM answers with). */
  mscNumber: string;
  /** When the serving VLR was last set (ms, the caller's clock). */
  updatedAtMs: number;
  /** Set by purgeMS from the serving VLR (the MS is unreachable); cleared by the next updateLocation. */
  purged: boolean;
}

/** What `updateLocation` changed. */
export interface LocationChange {
  readonly record: SubscriberRecord;
  readonly previousVlr: string;
  readonly previousMsc: string;
  /** True when the serving VLR changed (the HLR then cancels the location in the previous one). */
  readonly moved: boolean;
}

export interface SubscriberDbOptions {
  /** Subscribers 1…count. Default 5,000. */
  count?: number;
  /** Time of the initial registrations (ms). Default 0. */
  nowMs?: number;
}

export class SubscriberDb {
  /** The network whose subscribers these are (the lab's home network). */
  readonly network: LabNetwork = HOME;
  private readonly records: SubscriberRecord[] = [];
  private readonly imsis = new Map<string, SubscriberRecord>();
  private readonly msisdns = new Map<string, SubscriberRecord>();

  constructor(options: SubscriberDbOptions = {}) {
    const count = options.count ?? DEFAULT_SUBSCRIBERS;
    if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SUBSCRIBERS)
      throw new RangeError(`subscriber count must be an integer from 1 to ${MAX_SUBSCRIBERS}, got ${count}`);
    const nowMs = options.nowMs ?? 0;
    for (let index = 1; index <= count; index++) {
      const s = subscriber(HOME, index);
      const at = homeSubscriberLocation(index);
      const record: SubscriberRecord = {
        index,
        imsi: s.imsi,
        msisdn: s.msisdn,
        vlrNumber: at.vlr.gt,
        mscNumber: at.msc.gt,
        updatedAtMs: nowMs,
        purged: false,
      };
      this.records.push(record);
      this.imsis.set(record.imsi, record);
      this.msisdns.set(record.msisdn, record);
    }
  }

  get size(): number {
    return this.records.length;
  }

  byImsi(imsi: string): SubscriberRecord | undefined {
    return this.imsis.get(imsi);
  }

  byMsisdn(msisdn: string): SubscriberRecord | undefined {
    return this.msisdns.get(msisdn);
  }

  /** Subscriber `index` (1-based, as in `subscriber(HOME, index)`). */
  byIndex(index: number): SubscriberRecord | undefined {
    return this.records[index - 1];
  }

  /** The subscribers the VLR with GT `vlrGt` serves, in index order. */
  servedBy(vlrGt: string): SubscriberRecord[] {
    return this.records.filter((r) => r.vlrNumber === vlrGt);
  }

  /**
   * Records that `imsi` is now served by `vlrGt` / `mscGt` (TS 23.012 §3.6.1: the HLR stores the new VLR
   * and MSC numbers on receiving updateLocation). Undefined for an IMSI that is not ours.
   */
  updateLocation(imsi: string, vlrGt: string, mscGt: string, nowMs: number): LocationChange | undefined {
    const record = this.imsis.get(imsi);
    if (!record) return undefined;
    const previousVlr = record.vlrNumber;
    const previousMsc = record.mscNumber;
    record.vlrNumber = vlrGt;
    record.mscNumber = mscGt;
    record.updatedAtMs = nowMs;
    record.purged = false;
    return { record, previousVlr, previousMsc, moved: previousVlr !== vlrGt };
  }

  /**
   * purgeMS: marks the subscriber unreachable when `vlrGt` is its serving VLR (TS 23.012 §3.6.1.4: a purge
   * from any other VLR is ignored). Returns whether it was marked; undefined for an unknown IMSI.
   */
  purge(imsi: string, vlrGt: string | undefined, nowMs: number): boolean | undefined {
    const record = this.imsis.get(imsi);
    if (!record) return undefined;
    if (vlrGt !== undefined && vlrGt !== record.vlrNumber) return false;
    record.purged = true;
    record.updatedAtMs = nowMs;
    return true;
  }

  [Symbol.iterator](): IterableIterator<SubscriberRecord> {
    return this.records[Symbol.iterator]();
  }
}
