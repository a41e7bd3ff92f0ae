/**
 * Ground truth of a lab scenario capture (`FILE.truth.json` next to `FILE.pcap`): which attacks the
 * capture holds, at whom, from which lessee, GTs and countries, and exactly which frames the attacker sent.
 * The firewall's detection tests compare their incidents with it.
 */

/** What an attack does (the firewall's incident kinds of the same names). */
export const AttackKind = [
  "location-tracking",
  "sms-interception",
  "subscriber-profile-tampering",
  "category-1-probe",
] as const;
export type AttackKind = (typeof AttackKind)[number];

export interface AttackTruth {
  /** "A1", "A2", … in order of first frame. */
  id: string;
  kind: AttackKind;
  /** The subscriber attacked; both null when the attack is aimed at several (a probe). */
  target: { imsi: string | null; msisdn: string | null };
  /** The company the attacker's GTs are leased to. */
  lessee: string;
  /** ISO 3166-1 alpha-2 countries of the attacker's GTs, sorted. */
  countries: string[];
  /** The attacker's calling GTs, sorted. */
  origins: string[];
  /** MAP operation name (`mapOperationByCode(op).name`) → attacker-sent messages. */
  operations: Record<string, number>;
  /** 1-based pcap frame numbers of the attacker-sent messages, ascending. */
  frames: number[];
  /** Capture times of the first and last attacker-sent message, ISO 8601 with nanoseconds. */
  start: string;
  end: string;
}

export interface LabTruth {
  scenario: string;
  seed: number;
  scale: number;
  /** Messages in the capture (background and attacks); one message per frame. */
  messages: number;
  frames: number;
  /** The protected network's name. */
  home: string;
  attacks: AttackTruth[];
}

/** Where the truth of capture `pcapPath` goes: `.pcap`/`.pcapng` replaced by `.truth.json`, else appended. */
export function truthPathFor(pcapPath: string): string {
  const m = /\.(pcap|pcapng)$/i.exec(pcapPath);
  return m ? `${pcapPath.slice(0, m.index)}.truth.json` : `${pcapPath}.truth.json`;
}
