/**
 * Who is where on the live lab's interconnect: every foreign network (the fifteen roaming partners and the
 * two GT lessees of src/lab/network.ts) is one M3UA ASP with one point code and its own routing context,
 * and every GT belongs to exactly one of them or to the home network.
 *
 * Point codes: a partner signals from its HLR's point code (its gateway toward us), a lessee from the point
 * code of its first leased GT; all are distinct, so the firewall's route back (learnt from the OPC) finds
 * the right association. Routing contexts: 200 for the core's AS, 101… for the foreign networks.
 */
import {
  HOME,
  type LabLessee,
  type LabNetwork,
  LESSEES,
  lesseeGts,
  lesseeOfGt,
  networkOfGt,
  PARTNERS,
} from "../network.js";

/** The Application Server of the home core (the firewall's core side is its ASP). */
export const CORE_RC = 200;

/** The first foreign network's routing context; the others follow in order. */
export const FIRST_FOREIGN_RC = 101;

export interface ForeignSpec {
  /** The network's name (a partner's operator name, a lessee's company name). */
  readonly name: string;
  readonly kind: "partner" | "lessee";
  /** For a partner. */
  readonly network?: LabNetwork;
  /** For a lessee. */
  readonly lessee?: LabLessee;
  /** Its global titles (a partner: HLR, VLR/MSC and SMSC; a lessee: every leased GT). */
  readonly gts: readonly string[];
  /** The point code everything it sends comes from. */
  readonly pc: number;
  /** The routing context its ASP activates in. */
  readonly rc: number;
}

function partnerSpec(net: LabNetwork, rc: number): ForeignSpec {
  return {
    name: net.name,
    kind: "partner",
    network: net,
    gts: [...new Set([net.smsc.gt, net.hlr.gt, net.vlr.gt, net.msc.gt])],
    pc: net.hlr.pc,
    rc,
  };
}

function lesseeSpec(l: LabLessee, rc: number): ForeignSpec {
  const gts = lesseeGts(l);
  return { name: l.name, kind: "lessee", lessee: l, gts: gts.map((g) => g.gt), pc: gts[0]!.pc, rc };
}

/** Every foreign network of the lab: the partners in network.ts order, then the lessees. */
export const FOREIGN: readonly ForeignSpec[] = [
  ...PARTNERS.map((net, i) => partnerSpec(net, FIRST_FOREIGN_RC + i)),
  ...LESSEES.map((l, i) => lesseeSpec(l, FIRST_FOREIGN_RC + PARTNERS.length + i)),
];

const BY_NAME = new Map(FOREIGN.map((s) => [s.name, s]));

/** The foreign network named `name`. */
export function foreignSpec(name: string): ForeignSpec | undefined {
  return BY_NAME.get(name);
}

/**
 * The foreign network a GT belongs to: the lessee whose sub-range holds it, else the partner whose range
 * does (so a partner's MSRNs and other numbers are its too). Undefined for home GTs and unknown numbers.
 */
export function foreignOfGt(gt: string): ForeignSpec | undefined {
  const l = lesseeOfGt(gt);
  if (l) return BY_NAME.get(l.name);
  const net = networkOfGt(gt);
  if (!net || net === HOME) return undefined;
  return BY_NAME.get(net.name);
}
