/**
 * The live lab: the simulated networks of src/lab/nodes on real M3UA associations over TCP (loopback
 * only), with the inline firewall between the foreign networks and the home core, and the lab's scenarios
 * driven through it (`ss7guard lab up`, `ss7guard lab run`).
 */
export * from "./core.js";
export * from "./foreign.js";
export * from "./lab.js";
export * from "./partner.js";
export * from "./report.js";
export * from "./run.js";
export * from "./world.js";
