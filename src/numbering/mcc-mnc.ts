/**
 * ITU-T E.212 mobile country and network codes → country and operator, from the `mcc-mnc-list` package
 * (a snapshot of Wikipedia's "Mobile country code" tables). Tables are built once, on first use.
 *
 * What the data looks like and how it is read:
 *  - one record per (MCC, MNC, country) with brand, operator and status; a few MNCs are listed for several
 *    countries (338-05 Digicel in Jamaica, Cayman, Montserrat, St Lucia) — `operatorsOfMccMnc` returns them
 *    all, `operatorOfMccMnc` prefers an operational one;
 *  - country codes are ISO 3166-1 alpha-2, sometimes a list ("BL/GF/GP/MF/MQ") or a subdivision
 *    ("GE-AB"); `country` is the first alpha-2 of the list, `countries` all of them;
 *  - MNCs that are not 2 or 3 digits (ranges like "100 - 190", "?", French 5-digit sub-allocations) are
 *    skipped;
 *  - an MCC's country is the one most of its records name (310 → US although the list also has Guam,
 *    Puerto Rico and a Bermudan operator under 310), and its usual MNC length likewise.
 */
import { all as allMccMncRecords } from "mcc-mnc-list";
import { imsiParts } from "../codec/gsm/identity.js";
import type { ImsiParts } from "../codec/gsm/types.js";

/** One mobile network (an MCC+MNC pair as one record lists it). */
export interface MobileNetwork {
  readonly mcc: string;
  readonly mnc: string;
  /** ISO 3166-1 alpha-2; undefined for international (90x) and test networks. */
  readonly country: string | undefined;
  /** Every ISO alpha-2 the record names (French Antilles list several). */
  readonly countries: readonly string[];
  readonly countryName: string | undefined;
  readonly brand: string | undefined;
  readonly operator: string | undefined;
  /** "Operational", "Not operational", "Reserved", "Unknown", … as the data says. */
  readonly status: string | undefined;
  /** "National", "International" (MCC 90x) or "Test" (001, 999). */
  readonly type: string;
}

/** What an MCC alone says. */
export interface MobileCountry {
  readonly mcc: string;
  readonly country: string | undefined;
  readonly countryName: string | undefined;
  /** Every country any record under this MCC names. */
  readonly countries: readonly string[];
  /** The MNC length most networks under this MCC use. */
  readonly mncLength: 2 | 3;
  readonly type: string;
}

/** An IMSI resolved to its home network. */
export interface ImsiNetwork extends ImsiParts {
  /** The home network's record, when the MCC+MNC is in the table. */
  readonly network: MobileNetwork | undefined;
  /** The home country from the network record, else from the MCC. */
  readonly country: string | undefined;
}

interface Tables {
  readonly byMccMnc: Map<string, MobileNetwork[]>;
  readonly byMcc: Map<string, MobileCountry>;
}

let tables: Tables | undefined;

const text = (v: string | null | undefined): string | undefined =>
  v === null || v === undefined || v === "" ? undefined : v;

/** "BL/GF/GP/MF/MQ" → ["BL", "GF", …]; "GE-AB" → ["GE"]; null → []. */
function isoCodes(listed: string | null | undefined): string[] {
  if (!listed) return [];
  const out: string[] = [];
  for (const part of listed.split("/")) {
    const m = /^([A-Z]{2})(?:-|$)/.exec(part.trim());
    if (m && !out.includes(m[1]!)) out.push(m[1]!);
  }
  return out;
}

function mostCommon<T>(counts: Map<T, number>, fallback: T): T {
  let best = fallback;
  let bestCount = 0;
  for (const [k, n] of counts) {
    if (n > bestCount) {
      best = k;
      bestCount = n;
    }
  }
  return best;
}

function build(): Tables {
  const byMccMnc = new Map<string, MobileNetwork[]>();
  const perMcc = new Map<
    string,
    {
      countries: Map<string, number>;
      named: Set<string>;
      names: Map<string, string>;
      lengths: Map<2 | 3, number>;
      type: string;
    }
  >();
  for (const r of allMccMncRecords()) {
    if (!/^\d{3}$/.test(r.mcc) || !/^\d{2,3}$/.test(r.mnc ?? "")) continue;
    const countries = isoCodes(r.countryCode);
    const network: MobileNetwork = Object.freeze({
      mcc: r.mcc,
      mnc: r.mnc,
      country: countries[0],
      countries: Object.freeze(countries),
      countryName: text(r.countryName),
      brand: text(r.brand),
      operator: text(r.operator),
      status: text(r.status),
      type: r.type,
    });
    const key = `${r.mcc}-${r.mnc}`;
    const list = byMccMnc.get(key);
    if (list) list.push(network);
    else byMccMnc.set(key, [network]);

    let m = perMcc.get(r.mcc);
    if (!m) {
      m = { countries: new Map(), named: new Set(), names: new Map(), lengths: new Map(), type: r.type };
      perMcc.set(r.mcc, m);
    }
    for (const each of countries) m.named.add(each);
    const c = countries[0];
    if (c) {
      m.countries.set(c, (m.countries.get(c) ?? 0) + 1);
      if (network.countryName && !m.names.has(c)) m.names.set(c, network.countryName);
    }
    const len = r.mnc.length as 2 | 3;
    m.lengths.set(len, (m.lengths.get(len) ?? 0) + 1);
  }

  // An operational record first, so `operatorOfMccMnc` can take [0].
  for (const list of byMccMnc.values()) {
    list.sort((a, b) => Number(b.status === "Operational") - Number(a.status === "Operational"));
  }

  const byMcc = new Map<string, MobileCountry>();
  for (const [mcc, m] of perMcc) {
    const country = m.countries.size > 0 ? mostCommon(m.countries, "") : undefined;
    const two = m.lengths.get(2) ?? 0;
    const three = m.lengths.get(3) ?? 0;
    byMcc.set(
      mcc,
      Object.freeze({
        mcc,
        country,
        countryName: country ? m.names.get(country) : undefined,
        countries: Object.freeze([...m.named].sort()),
        mncLength: three > two ? 3 : 2,
        type: m.type,
      }),
    );
  }
  return { byMccMnc, byMcc };
}

function data(): Tables {
  if (!tables) tables = build();
  return tables;
}

/** Every record for MCC+MNC (an MNC is 2 or 3 digits; "15" and "015" are different networks). */
export function operatorsOfMccMnc(mcc: string, mnc: string): readonly MobileNetwork[] {
  return data().byMccMnc.get(`${mcc}-${mnc}`) ?? [];
}

/** The network of MCC+MNC (an operational record when there are several), or undefined. */
export function operatorOfMccMnc(mcc: string, mnc: string): MobileNetwork | undefined {
  return data().byMccMnc.get(`${mcc}-${mnc}`)?.[0];
}

/** The country an MCC is assigned to, with the usual MNC length there. */
export function countryOfMcc(mcc: string): MobileCountry | undefined {
  return data().byMcc.get(mcc);
}

/**
 * The MNC length of an IMSI's home network: 3 when the first three digits after the MCC name a listed
 * 3-digit MNC, else 2 when the first two name a listed 2-digit MNC, else the MCC's usual length, else 2
 * (the length most of the world uses).
 */
export function mncLengthOfImsi(imsi: string): 2 | 3 {
  const t = data();
  const mcc = imsi.slice(0, 3);
  if (t.byMccMnc.has(`${mcc}-${imsi.slice(3, 6)}`)) return 3;
  if (t.byMccMnc.has(`${mcc}-${imsi.slice(3, 5)}`)) return 2;
  return t.byMcc.get(mcc)?.mncLength ?? 2;
}

/**
 * Cuts an IMSI into MCC, MNC and MSIN (TS 23.003 §2.2). Without `mncLength`, the MCC/MNC table decides
 * between a 2- and a 3-digit MNC (`mncLengthOfImsi`). Throws RangeError for a non-IMSI string.
 */
export function splitImsi(imsi: string, mncLength?: 2 | 3): ImsiParts {
  if (typeof imsi !== "string" || !/^\d{6,15}$/.test(imsi)) {
    throw new RangeError(`not an IMSI (6..15 decimal digits): ${JSON.stringify(imsi)}`);
  }
  return imsiParts(imsi, mncLength ?? mncLengthOfImsi(imsi));
}

/** The home network and country of an IMSI, or undefined for a string that is not an IMSI. */
export function networkOfImsi(imsi: string): ImsiNetwork | undefined {
  if (typeof imsi !== "string" || !/^\d{6,15}$/.test(imsi)) return undefined;
  const parts = imsiParts(imsi, mncLengthOfImsi(imsi));
  const network = operatorOfMccMnc(parts.mcc, parts.mnc);
  return { ...parts, network, country: network?.country ?? countryOfMcc(parts.mcc)?.country };
}
