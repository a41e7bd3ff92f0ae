/**
 * The composed stack under `npm run fuzz`, at the entry points of test/codec/stack/hostile.test.ts: one
 * SCTP payload (M3UA, M2PA; mutated whole, or mutated SCCP under intact framing), one M3UA-over-TCP
 * stream cut into chunks, one capture file. The decoders report problems instead of throwing; each run
 * also checks the harness invariants (one outcome per payload, fields in range, printable by the CLI), so
 * a broken invariant is a finding like an escaped exception. Every run starts from fresh decoder state,
 * so a finding reproduces from (target, n) alone.
 */
import {
  captureSeeds,
  inM2pa,
  inM3ua,
  m2paSeeds,
  m3uaSeeds,
  runCapture,
  runSctpPayload,
  runTcpStream,
  sccpSeeds,
  tcpStreamSeeds,
} from "../../codec/stack/harness.js";
import type { FuzzTarget } from "../target.js";

export const targets: FuzzTarget[] = [
  { name: "stack-m3ua", seeds: m3uaSeeds, decode: (bytes) => runSctpPayload(bytes, 3) },
  { name: "stack-m3ua-sccp", seeds: sccpSeeds, decode: (bytes) => runSctpPayload(inM3ua(bytes), 3) },
  { name: "stack-m2pa", seeds: m2paSeeds, decode: (bytes) => runSctpPayload(bytes, 5) },
  { name: "stack-m2pa-sccp", seeds: sccpSeeds, decode: (bytes) => runSctpPayload(inM2pa(bytes), 5) },
  { name: "stack-tcp-stream", seeds: tcpStreamSeeds, decode: (bytes) => runTcpStream(bytes) },
  { name: "stack-capture", seeds: captureSeeds, decode: (bytes) => runCapture(bytes) },
];
