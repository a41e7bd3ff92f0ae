import { createReadStream } from "node:fs";
import {
  type CapturedPacket,
  CaptureReader,
  PayloadExtractor,
  type PayloadRecord,
} from "../codec/capture/index.js";
import { DecodeError } from "../codec/errors.js";

export interface CaptureProblem {
  frame: number;
  layer: string;
  offset: number;
  reason: string;
}

export interface CaptureReadTotals {
  packets: number;
  /** False when the capture ended in the middle of a record or could not be read on. */
  complete: boolean;
}

/**
 * Streams a pcap/pcapng file through the capture reader and payload extractor, handing every SIGTRAN payload
 * to `onPayload` in capture order. Malformed packets go to `onProblem` and reading goes on; a broken file
 * (bad framing, truncated tail) ends the run with `complete: false`. Throws only for I/O errors.
 * `onChunk` hears the bytes read so far after each chunk (for a progress bar).
 */
export async function readCapturePayloads(
  path: string,
  onPayload: (p: PayloadRecord) => void,
  onProblem: (p: CaptureProblem) => void,
  onChunk?: (bytesRead: number) => void,
): Promise<CaptureReadTotals> {
  const reader = new CaptureReader();
  const extractor = new PayloadExtractor();
  const totals: CaptureReadTotals = { packets: 0, complete: true };
  const handle = (packet: CapturedPacket): void => {
    totals.packets++;
    let payloads: readonly PayloadRecord[];
    try {
      payloads = extractor.extract(packet);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      onProblem({ frame: packet.frameNumber, layer: e.layer, offset: e.offset, reason: e.reason });
      return;
    }
    for (let i = 0; i < payloads.length; i++) onPayload(payloads[i]!);
  };
  const fail = (e: unknown): void => {
    if (!(e instanceof DecodeError)) throw e;
    onProblem({ frame: totals.packets + 1, layer: e.layer, offset: e.offset, reason: e.reason });
    totals.complete = false;
  };
  let bytesRead = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    reader.push(chunk as Buffer);
    bytesRead += (chunk as Buffer).length;
    try {
      for (let packet = reader.next(); packet; packet = reader.next()) handle(packet);
      onChunk?.(bytesRead);
    } catch (e) {
      fail(e);
      return totals;
    }
  }
  try {
    reader.end();
  } catch (e) {
    fail(e);
  }
  return totals;
}
