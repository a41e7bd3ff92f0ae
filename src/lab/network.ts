/**
 * The simulated world the lab generates traffic for: one home network (the operator ss7guard protects),
 * fifteen foreign operators in fifteen countries (roaming partners and SMS sources) and two companies that
 * lease global titles from those operators. All numbers are fictional ranges inside real country codes, and
 * every global title is a valid E.164 number of its country (so country attribution works); all traffic is
 * aimed at the simulated home network only.
 */

/** One signalling node: its global title, point code, subsystem and the IP its SIGTRAN link uses. */
export interface LabNode {
  readonly name: string;
  readonly gt: string;
  readonly pc: number;
  readonly ssn: number;
  readonly ip: string;
}

export interface LabNetwork {
  readonly name: string;
  /** ISO 3166 alpha-2. */
  readonly country: string;
  readonly mcc: string;
  readonly mnc: string;
  /** The operator's GT range (an IR.21 entry): every node GT starts with it. */
  readonly gtPrefix: string;
  /** Digits in each of its GTs (country code included), so that they are valid numbers of the country. */
  readonly gtLength: number;
  readonly hlr: LabNode;
  readonly vlr: LabNode;
  readonly msc: LabNode;
  readonly smsc: LabNode;
  /** MSISDN prefix of its subscribers (country code + national prefix). */
  readonly msisdnPrefix: string;
}

/** Q.713 / TS 23.003 subsystem numbers used by the lab. */
export const Ssn = { hlr: 6, vlr: 7, msc: 8, gsmScf: 147 } as const;

function node(name: string, gt: string, ssn: number, pc: number, ip: string): LabNode {
  return { name, gt, pc, ssn, ip };
}

/** `prefix` + zero padding + `tail`, `length` digits long. */
function padGt(prefix: string, tail: string, length: number): string {
  return prefix + tail.padStart(length - prefix.length, "0");
}

function network(
  name: string,
  country: string,
  mcc: string,
  mnc: string,
  gtPrefix: string,
  gtLength: number,
  msisdnPrefix: string,
  pcBase: number,
  ipOctet: number,
): LabNetwork {
  const role = (r: string, tail: string, ssn: number, pcOffset: number): LabNode =>
    node(
      `${name} ${r}`,
      padGt(gtPrefix, tail, gtLength),
      ssn,
      pcBase + pcOffset,
      `127.0.${ipOctet}.${pcOffset + 1}`,
    );
  return {
    name,
    country,
    mcc,
    mnc,
    gtPrefix,
    gtLength,
    hlr: role("HLR", "0100", Ssn.hlr, 0),
    vlr: role("VLR", "0200", Ssn.vlr, 1),
    msc: role("MSC", "0200", Ssn.msc, 2),
    smsc: role("SMSC", "0300", Ssn.msc, 3),
    msisdnPrefix,
  };
}

/** The protected network: Example Mobile, MCC/MNC 310-150, GTs 1 202 555 xxxx. */
export const HOME: LabNetwork = network(
  "Example Mobile",
  "US",
  "310",
  "150",
  "1202555",
  11,
  "1202556",
  100,
  1,
);

/**
 * The foreign operators, one per country: roaming partners (their subscribers visit us, ours visit them)
 * and SMS sources. The first eight are the lab's original partners; the node GTs sit at the bottom of each
 * range (first digit after the prefix 0), the leased sub-ranges at the top (8 and 9).
 */
export const PARTNERS: readonly LabNetwork[] = [
  network("Zamtel", "ZM", "645", "01", "2609500", 12, "26097", 200, 2),
  network("Vodafone UK", "GB", "234", "15", "4477850", 12, "44778", 210, 3),
  network("Telekom DE", "DE", "262", "01", "4917000", 12, "49171", 220, 4),
  network("Orange FR", "FR", "208", "01", "3360900", 11, "33612", 230, 5),
  network("Airtel IN", "IN", "404", "10", "9198100", 12, "91981", 240, 6),
  network("Vivo BR", "BR", "724", "06", "5511990", 13, "55119", 250, 7),
  network("Safaricom KE", "KE", "639", "02", "2547220", 12, "25472", 260, 8),
  network("Telcel MX", "MX", "334", "020", "5255100", 12, "52551", 270, 9),
  network("Sakura Mobile", "JP", "440", "91", "8190120", 12, "81901", 280, 10),
  network("Nusantara Cell", "ID", "510", "91", "6281100", 13, "62811", 290, 11),
  network("Springbok Mobile", "ZA", "655", "91", "2782550", 11, "27825", 300, 12),
  network("Anatolia GSM", "TR", "286", "91", "9053250", 12, "90532", 310, 13),
  network("Iberia Movil", "ES", "214", "91", "3461250", 11, "34612", 320, 14),
  network("Luzon Wireless", "PH", "515", "91", "6391750", 12, "63917", 330, 15),
  network("Falcon Telecom", "AE", "424", "91", "9715050", 12, "97150", 340, 16),
];

/** Every foreign operator of the lab world (the policy's `operators`). */
export const FOREIGN_OPERATORS: readonly LabNetwork[] = PARTNERS;

/** One GT sub-range a lessee rents from a host operator, and the GTs it uses in it. */
export interface LabLease {
  readonly host: LabNetwork;
  /** The host's GT prefix plus one digit. */
  readonly prefix: string;
  /** The lessee's global titles in the range (valid E.164 numbers of the host's country). */
  readonly gts: readonly LabNode[];
}

export interface LabLessee {
  readonly name: string;
  /** What the lessee declares it leases the GTs for. */
  readonly purpose: string;
  readonly leases: readonly LabLease[];
}

/** GTs per leased range the lab uses. */
const GTS_PER_LEASE = 3;

function lessee(name: string, purpose: string, digit: string, hosts: readonly LabNetwork[]): LabLessee {
  const leases = hosts.map((host): LabLease => {
    const prefix = `${host.gtPrefix}${digit}`;
    // Traffic from a leased GT enters through the host's STP: the host's point codes and link IPs.
    const gts = Array.from({ length: GTS_PER_LEASE }, (_, k) =>
      node(
        `${name} GT ${k + 1} via ${host.name}`,
        padGt(prefix, String(101 + k * 111), host.gtLength),
        Ssn.msc,
        host.hlr.pc + (digit === "9" ? 4 : 7) + k,
        host.hlr.ip.replace(/\.\d+$/, `.${(digit === "9" ? 20 : 30) + k}`),
      ),
    );
    return { host, prefix, gts };
  });
  return { name, purpose, leases };
}

function byCountry(...countries: string[]): LabNetwork[] {
  return countries.map((c) => PARTNERS.find((p) => p.country === c)!);
}

/** An A2P aggregator with GTs leased from all fifteen foreign operators (sub-range prefix + 9). */
export const NIMBUS: LabLessee = lessee("Nimbus Route Ltd", "a2p-sms", "9", PARTNERS);

/** A smaller lessee in four countries (sub-range prefix + 8), used for the coordinated burst. */
export const KESTREL: LabLessee = lessee(
  "Kestrel Signalling",
  "a2p-sms",
  "8",
  byCountry("GB", "IN", "BR", "ZA"),
);

export const LESSEES: readonly LabLessee[] = [NIMBUS, KESTREL];

/** Every GT a lessee uses, host by host. */
export function lesseeGts(l: LabLessee): LabNode[] {
  return l.leases.flatMap((lease) => lease.gts);
}

/** A copy of `n` addressed with another subsystem (a GT poses as HLR, VLR or gsmSCF depending on the operation). */
export function withSsn(n: LabNode, ssn: number): LabNode {
  return n.ssn === ssn ? n : { ...n, ssn };
}

/** The network (home or foreign) whose GT range holds `gt`, by longest prefix. */
export function networkOfGt(gt: string): LabNetwork | undefined {
  let best: LabNetwork | undefined;
  for (const net of [HOME, ...PARTNERS])
    if (gt.startsWith(net.gtPrefix) && (!best || net.gtPrefix.length > best.gtPrefix.length)) best = net;
  return best;
}

/** The lessee whose leased sub-range holds `gt`, if any. */
export function lesseeOfGt(gt: string): LabLessee | undefined {
  return LESSEES.find((l) => l.leases.some((lease) => gt.startsWith(lease.prefix)));
}
