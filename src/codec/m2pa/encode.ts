import { ByteWriter } from "../bytes.js";
import { EncodeError } from "../errors.js";
import { writeMtp3 } from "../mtp3/encode.js";
import { M2PA_MAX_SEQUENCE_NUMBER, M2PA_MESSAGE_CLASS, M2PA_VERSION, M2paMessageType } from "./constants.js";
import type { M2paMessage } from "./types.js";

const EMPTY = new Uint8Array(0);

function uint(field: string, v: number, max: number): number {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new EncodeError("m2pa", field, `${v} is not an integer in 0..${max}`);
  }
  return v;
}

function raw(bytes: Uint8Array | undefined, start: number, end: number, field: string): Uint8Array {
  const b = bytes ?? EMPTY;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > b.length) {
    throw new EncodeError("m2pa", field, `range [${start}, ${end}) is outside the ${b.length}-byte buffer`);
  }
  return b.subarray(start, end);
}

/** Encodes one M2PA message (RFC 4165 §2); the MTP3 part of User Data goes through the MTP3 encoder. */
export function encodeM2pa(msg: M2paMessage): Buffer {
  const w = new ByteWriter(64);
  let type: number;
  switch (msg.kind) {
    case "userData":
      type = M2paMessageType.userData;
      break;
    case "linkStatus":
      type = M2paMessageType.linkStatus;
      break;
    case "unknown":
      type = uint("messageType", msg.messageType, 0xff);
      if (type === M2paMessageType.userData || type === M2paMessageType.linkStatus) {
        throw new EncodeError("m2pa", "messageType", `type ${type} is defined; use kind userData/linkStatus`);
      }
      break;
    default:
      throw new EncodeError(
        "m2pa",
        "kind",
        `unknown kind ${JSON.stringify((msg as { kind: unknown }).kind)}`,
      );
  }
  w.u8(M2PA_VERSION).u8(0).u8(M2PA_MESSAGE_CLASS).u8(type).u32(0);
  w.u32(uint("bsn", msg.bsn, M2PA_MAX_SEQUENCE_NUMBER));
  w.u32(uint("fsn", msg.fsn, M2PA_MAX_SEQUENCE_NUMBER));
  switch (msg.kind) {
    case "userData":
      if (msg.msu) {
        // RFC 4165 §2.3.1: PRI in the top two bits of the first data octet, the other six spare.
        w.u8(uint("priority", msg.priority, 3) << 6);
        writeMtp3(w, msg.msu);
      } else if (msg.priority !== 0) {
        throw new EncodeError("m2pa", "priority", "an empty User Data message has no octet to carry PRI");
      }
      break;
    case "linkStatus":
      w.u32(uint("state", msg.state, 0xffffffff));
      w.bytes(raw(msg.bytes, msg.fillerStart, msg.fillerEnd, "filler"));
      break;
    case "unknown":
      w.bytes(raw(msg.bytes, msg.dataStart, msg.dataEnd, "data"));
      break;
  }
  w.patchU32(4, w.length);
  return w.finish();
}
