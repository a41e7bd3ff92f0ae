/**
 * The simulated world the lab generates traffic for: one home network (the operator ss7guard protects)
 * and foreign networks (roaming partners, SMS hubs). All numbers are fictional ranges inside real country
 * codes, so country attribution works, and all traffic is aimed at the simulated home network only.
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
  readonly hlr: LabNode;
  readonly vlr: LabNode;
  readonly msc: LabNode;
  readonly smsc: LabNode;
  /** MSISDN prefix of its subscribers (country code + national prefix). */
  readonly msisdnPrefix: string;
}

/** Q.713 / TS 23.003 subsystem numbers used by the lab. */
export const Ssn = { hlr: 6, vlr: 7, msc: 8 } as const;

function network(
  name: string,
  country: string,
  mcc: string,
  mnc: string,
  gtPrefix: string,
  msisdnPrefix: string,
  pcBase: number,
  ipOctet: number,
): LabNetwork {
  const node = (role: string, suffix: string, ssn: number, pcOffset: number): LabNode => ({
    name: `${name} ${role}`,
    gt: `${gtPrefix}${suffix}`,
    pc: pcBase + pcOffset,
    ssn,
    ip: `127.0.${ipOctet}.${pcOffset + 1}`,
  });
  return {
    name,
    country,
    mcc,
    mnc,
    hlr: node("HLR", "0100", Ssn.hlr, 0),
    vlr: node("VLR", "0200", Ssn.vlr, 1),
    msc: node("MSC", "0200", Ssn.msc, 2),
    smsc: node("SMSC", "0300", Ssn.msc, 3),
    msisdnPrefix,
  };
}

/** The protected network: Example Mobile, MCC/MNC 310-150, GTs 1 202 555 xxxx. */
export const HOME: LabNetwork = network("Example Mobile", "US", "310", "150", "1202555", "1202556", 100, 1);

/** Roaming partners and SMS sources, one per country. */
export const PARTNERS: readonly LabNetwork[] = [
  network("Zamtel", "ZM", "645", "01", "2609500", "26097", 200, 2),
  network("Vodafone UK", "GB", "234", "15", "4477850", "44778", 210, 3),
  network("Telekom DE", "DE", "262", "01", "4917000", "49171", 220, 4),
  network("Orange FR", "FR", "208", "01", "3360900", "33612", 230, 5),
  network("Airtel IN", "IN", "404", "10", "9198100", "91981", 240, 6),
  network("Vivo BR", "BR", "724", "06", "5511990", "55119", 250, 7),
  network("Safaricom KE", "KE", "639", "02", "2547220", "25472", 260, 8),
  network("Telcel MX", "MX", "334", "020", "5255100", "52551", 270, 9),
];
