import { BerCursor } from "../../../src/codec/ber/index.js";
import { DecodeError } from "../../../src/codec/errors.js";
import {
  decodeComponent,
  decodeDialoguePortion,
  decodeTcap,
  encodeTcap,
  inspectTcap,
  scanTcap,
  TcapScan,
  tcapFindings,
  tcapValue,
} from "../../../src/codec/tcap/index.js";
import { type FixtureName, fixture, fixtures } from "../../codec/tcap/fixtures.js";
import type { FuzzTarget } from "../target.js";

/** Every hand-built Q.773 fixture, plus a long-form-length message, as mutation seeds. */
export const messageSeeds: readonly Uint8Array[] = [
  ...(Object.keys(fixtures) as FixtureName[]).map(fixture),
  encodeTcap({
    type: "continue",
    otid: "00000001",
    dtid: "ff",
    dialogue: {
      type: "aarq",
      applicationContext: "0.4.0.0.1.0.19.2",
      userInformation: Uint8Array.of(0x28, 0x00),
    },
    components: [
      {
        type: "invoke",
        invokeId: -1,
        linkedId: 0,
        opcode: { type: "local", value: 46 },
        parameter: Uint8Array.from([0x04, 0x81, 0x90, ...new Array<number>(0x90).fill(0x5a)]),
      },
      { type: "returnError", invokeId: 2, errorCode: { type: "global", oid: "1.2.3" } },
    ],
  }),
];

/** The dialogue portion TLV (`inside` false) or the component TLVs (`inside` true) of a seed message. */
function spans(message: Uint8Array, tag: number, inside: boolean): Uint8Array[] {
  const c = new BerCursor(message);
  const out: Uint8Array[] = [];
  const top = c.read(0, message.length);
  let at = top.valueStart;
  const end = top.valueEnd;
  while (at < end) {
    c.read(at, end);
    const next = c.end;
    if (message[at] === tag) {
      if (!inside) out.push(message.subarray(at, next));
      else {
        let k = c.valueStart;
        const ke = c.valueEnd;
        while (k < ke) {
          const kn = c.read(k, ke).end;
          out.push(message.subarray(k, kn));
          k = kn;
        }
      }
    }
    at = next;
  }
  return out;
}

/** Component TLVs (a1/a2/a3/a4/a7 …) cut from the message seeds. */
export const componentSeeds: readonly Uint8Array[] = messageSeeds.flatMap((s) => spans(s, 0x6c, true));

/** Dialogue portion TLVs (6b …) cut from the message seeds. */
export const dialogueSeeds: readonly Uint8Array[] = messageSeeds.flatMap((s) => spans(s, 0x6b, false));

const scan = new TcapScan();

export const targets: FuzzTarget[] = [
  {
    name: "tcap",
    seeds: messageSeeds,
    decode: (bytes) => {
      const m = decodeTcap(bytes);
      tcapFindings(m);
      // Anything that decodes must re-encode and decode again to the same value (throws otherwise,
      // which the fuzzer reports as a finding because it is not a DecodeError).
      const again = encodeTcap(tcapValue(m, bytes));
      if (JSON.stringify(tcapValue(decodeTcap(again), again)) !== JSON.stringify(tcapValue(m, bytes))) {
        throw new Error("re-encoding changed the decoded value");
      }
      return m;
    },
  },
  {
    name: "tcap-scan",
    seeds: messageSeeds,
    decode: (bytes) => {
      let decoded = true;
      try {
        decodeTcap(bytes);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        decoded = false;
      }
      try {
        return scanTcap(bytes, 0, bytes.length, scan);
      } catch (e) {
        if (decoded) throw new Error(`scanTcap refused what decodeTcap accepted: ${String(e)}`);
        throw e;
      }
    },
  },
  { name: "tcap-inspect", seeds: messageSeeds, decode: (bytes) => inspectTcap(bytes) },
  { name: "tcap-component", seeds: componentSeeds, decode: (bytes) => decodeComponent(bytes) },
  { name: "tcap-dialogue", seeds: dialogueSeeds, decode: (bytes) => decodeDialoguePortion(bytes) },
];
