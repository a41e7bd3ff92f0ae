/**
 * Test helpers for the simulated nodes: a tiny synchronous in-memory "STP" that routes on the called GT, and
 * a check that a message is well formed on the wire (TCAP → SCCP UDT → M3UA DATA, encoded as the lab's
 * captures are and decoded back by the stack decoder).
 */
import assert from "node:assert/strict";
import { SctpPpid } from "../../../src/codec/capture/index.js";
import { type StackDecodeProblem, StackDecoder } from "../../../src/codec/stack/decoder.js";
import type { Ss7Message } from "../../../src/codec/stack/message.js";
import { decodeTcap, type TcapMessage } from "../../../src/codec/tcap/index.js";
import { encodeLabMessage } from "../../../src/lab/capture.js";
import { HOME, type LabNode, LESSEES, lesseeGts, NIMBUS, PARTNERS, Ssn } from "../../../src/lab/network.js";
import {
  ForeignNetwork,
  gtOf,
  Hlr,
  type MapNode,
  Msc,
  type SccpTcapMessage,
  Smsc,
  SubscriberDb,
  tcapBytes,
} from "../../../src/lab/nodes/index.js";
import { sctpRecord } from "../../codec/stack/harness.js";

export const T0 = Date.UTC(2026, 0, 1);
export const UK = PARTNERS.find((p) => p.country === "GB")!;

/** The lab's home network (HLR, MSC/VLR, SMSC), one roaming partner (UK) and one lessee (Nimbus), routed. */
export interface World {
  db: SubscriberDb;
  hlr: Hlr;
  msc: Msc;
  smsc: Smsc;
  uk: ForeignNetwork;
  nimbus: ForeignNetwork;
  router: Router;
}

export function labWorld(): World {
  const db = new SubscriberDb({ nowMs: T0 });
  const hlr = new Hlr({ subscribers: db, seed: 7 });
  const msc = new Msc({ subscribers: db, nowMs: T0, seed: 8 });
  const smsc = new Smsc({ seed: 9 });
  const uk = ForeignNetwork.partner(UK, { seed: 10 });
  const nimbus = ForeignNetwork.lessee(NIMBUS, { seed: 11 });
  const router = new Router()
    .add(hlr)
    .add(msc)
    .add(smsc)
    .add(uk, ...uk.gts)
    .add(nimbus, ...nimbus.gts);
  return { db, hlr, msc, smsc, uk, nimbus, router };
}

/** One message the router carried, with the time it carried it at. */
export interface Carried {
  readonly atMs: number;
  readonly message: SccpTcapMessage;
  /** Made up by the router (a UDTS for an unroutable GT), not sent by a node. */
  readonly byRouter: boolean;
}

export class Router {
  private readonly routes = new Map<string, MapNode>();
  readonly log: Carried[] = [];

  /** Routes `gts` (default: the node's GT) to `node`. */
  add(node: MapNode, ...gts: string[]): this {
    for (const gt of gts.length > 0 ? gts : [node.gt]) this.routes.set(gt, node);
    return this;
  }

  nodeFor(gt: string): MapNode | undefined {
    return this.routes.get(gt);
  }

  /**
   * Carries `messages` and every answer they cause until the network is quiet. A message for a GT no node
   * owns comes back to its sender as a UDTS (no translation for this specific address), as an STP would
   * return it; a returned message that cannot be returned is dropped (Q.714 §4.2: no UDTS about a UDTS).
   */
  send(messages: readonly SccpTcapMessage[], nowMs: number): void {
    const queue: { message: SccpTcapMessage; byRouter: boolean }[] = messages.map((message) => ({
      message,
      byRouter: false,
    }));
    for (let steps = 0; queue.length > 0; steps++) {
      if (steps > 100_000) throw new Error("routing loop");
      const { message, byRouter } = queue.shift()!;
      this.log.push({ atMs: nowMs, message, byRouter });
      const node = this.routes.get(gtOf(message.called) ?? "");
      if (!node) {
        if (message.returnCause === undefined) {
          queue.push({
            message: { calling: message.called, called: message.calling, tcap: message.tcap, returnCause: 1 },
            byRouter: true,
          });
        }
        continue;
      }
      for (const out of node.handle(message, nowMs)) queue.push({ message: out, byRouter: false });
    }
  }

  /** Ticks every node at `nowMs` and carries what that causes. */
  tick(nowMs: number): void {
    for (const node of new Set(this.routes.values())) this.send(node.tick(nowMs), nowMs);
  }

  /** The log from index `from` on, decoded (type, TIDs, dialogue, components). */
  decoded(from = 0): DecodedCarry[] {
    return this.log.slice(from).map((c) => decodeCarry(c));
  }
}

export interface DecodedCarry extends Carried {
  readonly from: string;
  readonly to: string;
  readonly tcap: TcapMessage;
  readonly bytes: Uint8Array;
}

export function decodeCarry(c: Carried): DecodedCarry {
  const bytes = tcapBytes(c.message);
  return {
    ...c,
    from: gtOf(c.message.calling) ?? "",
    to: gtOf(c.message.called) ?? "",
    tcap: decodeTcap(bytes),
    bytes,
  };
}

/** The local opcodes / component types of a decoded message, for compact assertions: "invoke:45", "returnResultLast:45". */
export function componentsOf(t: TcapMessage): string[] {
  const cs = "components" in t ? (t.components ?? []) : [];
  return cs.map((c) => {
    if (c.type === "reject") return `reject:${c.problemType}/${c.problem}`;
    if (c.type === "returnError")
      return `returnError:${c.errorCode.type === "local" ? c.errorCode.value : "global"}`;
    const op = c.opcode?.type === "local" ? `:${c.opcode.value}` : "";
    return `${c.type}${op}`;
  });
}

const NODES = new Map<string, LabNode>();
for (const net of [HOME, ...PARTNERS])
  for (const n of [net.hlr, net.vlr, net.msc, net.smsc]) NODES.set(n.gt, n);
for (const l of LESSEES) for (const n of lesseeGts(l)) NODES.set(n.gt, n);

/** The lab node that owns `gt` (its point code and link IP for the M3UA layer). */
export function labNodeOf(gt: string): LabNode {
  const n = NODES.get(gt);
  if (n) return n;
  // An MSRN or other number of a network: the network's HLR point code stands in.
  return { name: `GT ${gt}`, gt, pc: HOME.hlr.pc + 90, ssn: Ssn.msc, ip: "127.0.99.1" };
}

/**
 * Encodes `c` as the lab encodes capture messages (encodeLabMessage: UDT in M3UA DATA) and decodes it back
 * with the stack decoder; fails on any decoding problem, and returns the decoded message.
 */
export function overTheWire(c: Carried, frame = 1): Ss7Message {
  const m = c.message;
  assert.ok(!(m.tcap instanceof Uint8Array), "nodes produce TCAP values");
  const bytes = encodeLabMessage({
    timeNs: c.atMs * 1e6,
    from: labNodeOf(gtOf(m.calling) ?? ""),
    to: labNodeOf(gtOf(m.called) ?? ""),
    calling: m.calling,
    called: m.called,
    tcap: m.tcap,
    kind: "node",
  });
  const problems: StackDecodeProblem[] = [];
  const out = new StackDecoder().decode(sctpRecord(bytes, SctpPpid.m3ua, frame), (p) => problems.push(p));
  assert.deepEqual(problems, [], "the stack decoder reports no problem");
  assert.equal(out.length, 1, "one SS7 message");
  const s = out[0]!;
  assert.equal(s.error, undefined, `no upper-layer error: ${s.error}`);
  for (const comp of s.components)
    assert.equal(comp.parameterError, undefined, `MAP parameter decodes: ${comp.parameterError}`);
  return s;
}
