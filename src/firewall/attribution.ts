/**
 * Who is behind a global title: the owning operator and its country (from the policy's IR.21-like table,
 * else the country of the E.164 country code), and the lessee when the GT falls in a leased sub-range.
 * Longest-prefix matches over digit tries, so 100k prefixes cost a lookup of at most 15 steps.
 */
import { countryOfE164, countryOfMcc, PrefixTable } from "../numbering/index.js";
import type { Policy } from "./policy.js";

export interface GtOrigin {
  gt: string;
  /** ISO 3166-1 alpha-2: the owning operator's, else the E.164 country code's; undefined for global codes. */
  country: string | undefined;
  operator: string | undefined;
  lessee: string | undefined;
  leasePurpose: string | undefined;
  /** The GT is one of the protected network's own. */
  home: boolean;
}

/** A GtOrigin the engine has numbered (ids are dense, from 0, in order of first sighting). */
export interface Origin extends GtOrigin {
  readonly id: number;
}

interface OperatorEntry {
  name: string;
  country: string;
}

interface LeaseEntry {
  lessee: string;
  purpose: string | undefined;
}

export class GtDirectory {
  private readonly operatorsByGt = new PrefixTable<OperatorEntry>();
  private readonly leasesByGt = new PrefixTable<LeaseEntry>();
  private readonly homeGts = new PrefixTable<true>();
  private readonly homeImsis = new PrefixTable<true>();
  private readonly operatorsByImsi = new PrefixTable<OperatorEntry>();
  readonly homeName: string;

  constructor(policy: Policy) {
    this.homeName = policy.home.name;
    for (const p of policy.home.gt_prefixes) this.homeGts.set(p, true);
    for (const m of policy.home.mccmnc) this.homeImsis.set(m, true);
    for (const op of policy.operators) {
      const entry = { name: op.name, country: op.country };
      for (const p of op.gt_prefixes) this.operatorsByGt.set(p, entry);
      for (const m of op.mccmnc) this.operatorsByImsi.set(m, entry);
    }
    for (const lease of policy.leases) {
      const entry = { lessee: lease.lessee, purpose: lease.purpose };
      for (const p of lease.gt_prefixes) this.leasesByGt.set(p, entry);
    }
  }

  /** Attribution of one GT (digits as in the SCCP calling party address). */
  origin(gt: string): GtOrigin {
    const home = this.homeGts.lookup(gt) !== undefined;
    const op = this.operatorsByGt.lookup(gt);
    const lease = this.leasesByGt.lookup(gt);
    return {
      gt,
      country: op?.country ?? countryOfE164(gt)?.country,
      operator: home ? this.homeName : op?.name,
      lessee: lease?.lessee,
      leasePurpose: lease?.purpose,
      home,
    };
  }

  /** The IMSI belongs to the protected network (its MCC+MNC is the home's). */
  isHomeImsi(imsi: string): boolean {
    return this.homeImsis.lookup(imsi) !== undefined;
  }

  /**
   * Whether the network behind `origin` owns the subscriber `imsi` (FS.11 category 2): the IMSI's MCC+MNC
   * is the origin operator's (policy table); when the policy does not know the IMSI's network, the MCC's
   * country must be the origin's country. Undefined when neither can be told.
   */
  ownsImsi(origin: GtOrigin, imsi: string): boolean | undefined {
    if (this.isHomeImsi(imsi)) return origin.home;
    const op = this.operatorsByImsi.lookup(imsi);
    if (op) return origin.operator === op.name && !origin.home;
    const mccCountry = countryOfMcc(imsi.slice(0, 3))?.country;
    if (mccCountry === undefined || origin.country === undefined) return undefined;
    return mccCountry === origin.country;
  }

  /** The operator whose MCC+MNC the IMSI carries, from the policy's table. */
  operatorOfImsi(imsi: string): string | undefined {
    if (this.isHomeImsi(imsi)) return this.homeName;
    return this.operatorsByImsi.lookup(imsi)?.name;
  }
}
