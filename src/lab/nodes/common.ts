/** Small things the simulated nodes share: application contexts, deterministic hashing, where a number belongs. */
import type { CellGlobalId } from "../../codec/gsm/index.js";
import { HOME, type LabNetwork, PARTNERS } from "../network.js";
import { LabApplicationContext } from "../traffic.js";

/** TS 29.002 §17.3.3 application-context-names the nodes use: the lab's, plus the ones only live nodes need. */
export const NodeApplicationContext = {
  ...LabApplicationContext,
  roamingNumberEnquiry: "0.4.0.0.1.0.3.3",
  msPurging: "0.4.0.0.1.0.27.3",
  locationInfoRetrieval: "0.4.0.0.1.0.5.3",
} as const;

/** The version arc of a MAP application-context-name; 1 for a dialogue without one (MAP v1). */
export function acnVersion(acn: string | undefined): number {
  if (acn === undefined) return 1;
  const v = Number(acn.slice(acn.lastIndexOf(".") + 1));
  return Number.isInteger(v) && v > 0 ? v : 1;
}

/** FNV-1a over the UTF-16 code units of `text`: a stable 32-bit key for deterministic draws. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The cell a subscriber (by IMSI) is in when `network` serves it: fixed per network and IMSI. */
export function cellFor(network: LabNetwork, imsi: string): CellGlobalId {
  const h = hash32(`${network.mcc}${network.mnc}:${imsi}`);
  // TS 23.003 §4.1 / §4.3.1: LAC and CI are 16-bit; 0x0000 and 0xFFFE are reserved LACs.
  return { mcc: network.mcc, mnc: network.mnc, lac: 0x0100 + (h % 48), cellId: 1 + ((h >>> 8) % 0xfff0) };
}

const WORLD: readonly LabNetwork[] = [HOME, ...PARTNERS];

/** The lab network whose subscribers' IMSIs start with its MCC+MNC. */
export function networkOfImsi(imsi: string): LabNetwork | undefined {
  return WORLD.find((n) => imsi.startsWith(n.mcc + n.mnc));
}

/** The lab network whose MSISDN range holds `msisdn`. */
export function networkOfMsisdn(msisdn: string): LabNetwork | undefined {
  return WORLD.find((n) => msisdn.startsWith(n.msisdnPrefix));
}

/** An E.164 number as the lab's GTs and node numbers are: 1 to 15 decimal digits (ITU-T E.164 §6). */
export function isE164(digits: string): boolean {
  return /^\d{1,15}$/.test(digits);
}

/** Appends `item` to a log that keeps at most `max` entries (the oldest go first). */
export function pushBounded<T>(log: T[], item: T, max: number): void {
  log.push(item);
  if (log.length > max) log.splice(0, log.length - max);
}
