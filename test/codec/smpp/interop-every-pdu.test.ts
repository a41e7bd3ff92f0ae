/**
 * Every SMPP 3.4 PDU type, both ways, against the `smpp` npm package (black box, documented API): each
 * known byte vector is sent over TCP to its server and what it reports must be the vector's value; and its
 * client encodes the same values (`new smpp.PDU(command, options)`) for OUR decoder, which must read back
 * the vector's value.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import net from "node:net";
import { describe, it } from "node:test";
import smpp, { type PDU, type Session } from "smpp";
import { fromHex, toHex } from "../../../src/codec/bytes.js";
import {
  decodeSmppPdu,
  encodeSmppPdu,
  parseSmppTime,
  type SmppPdu,
  SmppStreamFramer,
  smppTimeToDate,
} from "../../../src/codec/smpp/index.js";
import { SMPP_FIXTURES } from "./fixtures.js";
import { normalize } from "./helpers.js";

const VECTORS = SMPP_FIXTURES.filter((f) => f.value.command !== "unknown");
const TIME_FIELDS = new Set(["schedule_delivery_time", "validity_period", "final_date"]);

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The package's name of a TLV (it spells 0x020B dest_port where SMPP 3.4 §5.3.2.21 says destination_port). */
function theirTlvName(kind: string): string {
  return kind === "destination_port" ? "dest_port" : kind;
}

/** Our value as the package's constructor options: snake_case names, lists as it documents them. */
function theirOptions(v: SmppPdu): Record<string, unknown> {
  const out: Record<string, unknown> = { command_status: v.commandStatus, sequence_number: v.sequenceNumber };
  for (const [k, x] of Object.entries(v)) {
    if (k === "command" || k === "commandStatus" || k === "sequenceNumber" || k === "tlvs") continue;
    if (k === "destAddresses") {
      out.dest_address = (x as Extract<SmppPdu, { command: "submit_multi" }>["destAddresses"]).map((d) =>
        d.destFlag === 1
          ? {
              dest_addr_ton: d.destAddrTon,
              dest_addr_npi: d.destAddrNpi,
              destination_addr: d.destinationAddr,
            }
          : { dl_name: d.dlName },
      );
    } else if (k === "unsuccessSmes") {
      out.unsuccess_sme = (
        x as { destAddrTon: number; destAddrNpi: number; destinationAddr: string; errorStatusCode: number }[]
      ).map((u) => ({
        dest_addr_ton: u.destAddrTon,
        dest_addr_npi: u.destAddrNpi,
        destination_addr: u.destinationAddr,
        error_status_code: u.errorStatusCode,
      }));
    } else if (x instanceof Uint8Array) {
      out[snake(k)] = Buffer.from(x);
    } else {
      out[snake(k)] = x;
    }
  }
  for (const t of v.tlvs) {
    if (t.kind === "message_payload") out.message_payload = Buffer.from(t.value);
    else if ("value" in t && t.kind !== "unknown") out[theirTlvName(t.kind)] = t.value;
    else assert.fail(`no mapping for TLV ${t.kind}`);
  }
  return out;
}

/** A message body the way the package reports it: text decoded by data_coding, binary as hex. */
function text(bytes: Buffer, dataCoding: unknown): unknown {
  if (dataCoding === 8) return Buffer.from(bytes).swap16().toString("utf16le");
  if (dataCoding === 2 || dataCoding === 4) return { hex: toHex(bytes) };
  return bytes.toString("latin1");
}

/** What the package should report for `v`, in comparable form. */
function expectedReport(v: SmppPdu): Record<string, unknown> {
  const o = theirOptions(v);
  const out: Record<string, unknown> = { command: v.command };
  for (const [k, x] of Object.entries(o)) {
    if (TIME_FIELDS.has(k) && typeof x === "string" && x !== "") {
      const t = parseSmppTime(x)!;
      // A relative time becomes "now + period" over there: only its kind can be compared.
      out[k] = t.kind === "absolute" ? smppTimeToDate(t).toISOString() : "relative";
    } else if ((k === "short_message" || k === "message_payload") && Buffer.isBuffer(x)) {
      // replace_sm has no data_coding, so the package leaves its short_message as octets.
      out[k] = v.command === "replace_sm" ? { hex: toHex(x) } : text(x, o.data_coding);
    } else {
      out[k] = normalize(x);
    }
  }
  return out;
}

/** The package's report in the same comparable form. */
function comparableReport(p: PDU, expected: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(expected)) {
    let x = p[k];
    if (x instanceof Date) x = expected[k] === "relative" ? "relative" : x.toISOString();
    else if (x && typeof x === "object" && "message" in x) x = (x as { message: unknown }).message;
    out[k] = Buffer.isBuffer(x) ? { hex: toHex(x) } : normalize(x);
  }
  return out;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
  });
}

function waitFor(check: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - started > 5_000) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

describe("SMPP interoperability with the smpp npm package: every PDU type, both ways", () => {
  it(`its server reports the values of our ${VECTORS.length} byte vectors`, { timeout: 15_000 }, async () => {
    const seen: PDU[] = [];
    const sessions: Session[] = [];
    const server = smpp.createServer((session) => {
      sessions.push(session);
      session.on("error", () => {});
      session.on("pdu", (pdu: PDU) => seen.push(pdu));
    });
    const port = await listen(server);
    const socket = net.connect(port, "127.0.0.1");
    socket.on("error", () => {});
    try {
      await once(socket, "connect");
      for (const f of VECTORS) socket.write(encodeSmppPdu(f.value));
      await waitFor(() => seen.length === VECTORS.length, `${VECTORS.length} PDUs`);
      for (const [i, f] of VECTORS.entries()) {
        const want = expectedReport(f.value);
        assert.deepEqual(comparableReport(seen[i]!, want), want, f.name);
        assert.equal(seen[i]!.command_length, fromHex(f.hex).length, f.name);
      }
    } finally {
      socket.destroy();
      for (const s of sessions) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it(`our decoder reads the same ${VECTORS.length} values from its client's encoding`, {
    timeout: 15_000,
  }, async () => {
    const got: SmppPdu[] = [];
    const sockets: net.Socket[] = [];
    let failure: unknown = null;
    const server = net.createServer((socket) => {
      sockets.push(socket);
      const framer = new SmppStreamFramer();
      socket.on("data", (chunk: Buffer) => {
        try {
          framer.push(chunk);
          while (framer.next())
            got.push(decodeSmppPdu(framer.frameBytes, framer.frameStart, framer.frameEnd));
        } catch (e) {
          failure = e;
        }
      });
    });
    const port = await listen(server);
    const session = smpp.connect({ url: `smpp://127.0.0.1:${port}` });
    session.on("error", () => {});
    try {
      await once(session, "connect");
      for (const f of VECTORS) session.send(new smpp.PDU(f.value.command, theirOptions(f.value)));
      await waitFor(() => got.length === VECTORS.length || failure !== null, `${VECTORS.length} PDUs`);
      assert.equal(failure, null);
      for (const [i, f] of VECTORS.entries()) {
        // The package numbers requests itself; responses keep the sequence_number given.
        let want: SmppPdu = { ...f.value, sequenceNumber: got[i]!.sequenceNumber };
        if (f.value.command === "data_sm_resp" && f.value.commandStatus !== 0) {
          // It sends an error response without a body (as §4.4.2 says of submit_sm_resp); we read that too.
          want = {
            command: "data_sm_resp",
            commandStatus: f.value.commandStatus,
            sequenceNumber: f.value.sequenceNumber,
            tlvs: [],
          };
        }
        assert.deepEqual(normalize(got[i]), normalize(want), f.name);
        if (f.value.command.endsWith("_resp") || f.value.command === "generic_nack") {
          assert.equal(got[i]!.sequenceNumber, f.value.sequenceNumber, f.name);
        }
      }
    } finally {
      session.destroy();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
