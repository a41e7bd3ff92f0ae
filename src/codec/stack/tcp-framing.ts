import type { PayloadRecord } from "../capture/index.js";
import { M3uaStreamFramer } from "../m3ua/index.js";

/**
 * One M3UA stream framer per TCP flow (RFC 4666 allows M3UA over TCP), least recently used dropped past
 * `maxFlows`. A hole in the stream resets that flow's framer: the next chunk is the best guess at a message
 * boundary, and a framer that fails stays failed until reset.
 */
export class TcpM3uaFramers {
  private readonly framers = new Map<string, M3uaStreamFramer>();

  constructor(private readonly maxFlows = 4096) {}

  /** The framer of `p`'s flow, with `p`'s bytes pushed; pull frames with `next()`. */
  push(p: PayloadRecord): M3uaStreamFramer {
    const key = `${p.srcIp}:${p.srcPort}>${p.dstIp}:${p.dstPort}`;
    let framer = this.framers.get(key);
    if (framer) {
      // Map iteration order is insertion order: re-inserting keeps the first key the least recently used.
      this.framers.delete(key);
    } else {
      framer = new M3uaStreamFramer();
      if (this.framers.size >= this.maxFlows) this.framers.delete(this.framers.keys().next().value!);
    }
    this.framers.set(key, framer);
    if (p.gap) framer.reset();
    try {
      framer.push(p.bytes.subarray(p.start, p.end));
    } catch (e) {
      // A framer that failed stays failed; start the flow afresh so the next chunk can resynchronise.
      framer.reset();
      throw e;
    }
    return framer;
  }
}
