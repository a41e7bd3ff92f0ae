/**
 * The simulated core network's MAP behaviour, as pure functions of the messages the nodes receive: an HLR
 * with its subscriber register (`Hlr`, `SubscriberDb`), an MSC/VLR (`Msc`), an SMSC (`Smsc`), and foreign
 * networks — roaming partners and lessees — that originate the lab's scenarios live (`ForeignNetwork`).
 *
 * How a transport drives a node (no I/O or clock here; `nowMs` is the transport's):
 *  - in: each SCCP UDT/XUDT (reassembled) or UDTS/XUDTS addressed to one of the node's GTs, as
 *    `decodeSccpTcap(sccpBytes)` → `node.handle(message, nowMs)`; every second or so `node.tick(nowMs)`;
 *  - out: whatever `handle`, `tick` or an originating method (`Smsc.deliver`, `Msc.attach`,
 *    `ForeignNetwork.sriSm` …) returns: `SccpTcapMessage`s routed on `called` (a GT), each encoded with
 *    `encodeSccpTcap(message)` into one UDT or several XUDT segments, each in one M3UA DATA message;
 *  - the MTP3 label: OPC the node's point code, DPC the next hop toward the called GT (src/lab/network.ts
 *    has every lab node's GT, point code and link IP), SI 3, the association's NI.
 */
export * from "./common.js";
export * from "./foreign.js";
export * from "./hlr.js";
export * from "./map-node.js";
export * from "./msc.js";
export * from "./sms.js";
export * from "./smsc.js";
export * from "./subscribers.js";
export * from "./wire.js";
