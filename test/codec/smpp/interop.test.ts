/**
 * Independent truth: the `smpp` npm package (0.5.1, a separate SMPP implementation used only as a black
 * box through its documented API) talks to this codec over real TCP sockets on loopback, in both roles.
 *
 * 1. Its server (smpp.createServer) decodes the bytes OUR encoder sends: bind_transceiver, submit_sm with
 *    TLVs (message_payload, sar_*, ports, callback_num, network_error_code, an unknown vendor TLV), a UDH
 *    short message in UCS2, enquire_link, unbind; and OUR decoder reads its answers.
 * 2. Its client (smpp.connect) talks to a tiny raw TCP server that decodes with OUR decoder and answers
 *    with OUR encoder: bind_transceiver_resp, submit_sm_resp with a message_id, and a deliver_sm delivery
 *    receipt the client must parse (and answer with deliver_sm_resp, which we decode).
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import net from "node:net";
import { describe, it } from "node:test";
import smpp, { type PDU, type Session } from "smpp";
import { toHex } from "../../../src/codec/bytes.js";
import {
  decodeSmppPdu,
  encodeSmppPdu,
  formatDeliveryReceipt,
  parseDeliveryReceipt,
  parseSmppTime,
  type SmppPdu,
  type SmppPduInput,
  type SmppPduOf,
  SmppStreamFramer,
  smppTimeToDate,
} from "../../../src/codec/smpp/index.js";

/** Reads PDUs from a socket with our framer and decoder, one promise per PDU. */
class OurReader {
  private readonly framer = new SmppStreamFramer();
  private readonly queue: SmppPdu[] = [];
  private waiting: ((p: SmppPdu) => void) | null = null;
  failure: unknown = null;

  constructor(socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => {
      try {
        this.framer.push(chunk);
        while (this.framer.next()) {
          const pdu = decodeSmppPdu(this.framer.frameBytes, this.framer.frameStart, this.framer.frameEnd);
          if (this.waiting) {
            const w = this.waiting;
            this.waiting = null;
            w(pdu);
          } else {
            this.queue.push(pdu);
          }
        }
      } catch (e) {
        this.failure = e;
        socket.destroy();
      }
    });
  }

  next(): Promise<SmppPdu> {
    const p = this.queue.shift();
    if (p) return Promise.resolve(p);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async expect<C extends SmppPdu["command"]>(command: C): Promise<SmppPduOf<C>> {
    const p = await withTimeout(this.next(), `waiting for ${command}`);
    assert.equal(p.command, command, `expected ${command}, got ${JSON.stringify(p)}`);
    return p as SmppPduOf<C>;
  }
}

function withTimeout<T>(p: Promise<T>, what: string, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

const SUBMIT_BASE = {
  command: "submit_sm",
  serviceType: "",
  sourceAddrTon: 5,
  sourceAddrNpi: 0,
  sourceAddr: "ACME OTP",
  destAddrTon: 1,
  destAddrNpi: 1,
  destinationAddr: "447700900123",
  esmClass: 0,
  protocolId: 0,
  priorityFlag: 1,
  scheduleDeliveryTime: "",
  validityPeriod: "",
  registeredDelivery: 1,
  replaceIfPresentFlag: 0,
  dataCoding: 0,
  smDefaultMsgId: 0,
  shortMessage: new Uint8Array(0),
} as const satisfies SmppPduInput;

describe("SMPP interoperability with the smpp npm package over TCP", () => {
  it("its server decodes what our encoder sends, with the values we meant", { timeout: 15_000 }, async () => {
    const seen: PDU[] = [];
    const sessions: Session[] = [];
    const server = smpp.createServer((session) => {
      sessions.push(session);
      session.on("error", () => {});
      session.on("pdu", (pdu: PDU) => {
        seen.push(pdu);
        if (pdu.isResponse()) return;
        const extra: Record<string, unknown> =
          pdu.command === "bind_transceiver"
            ? { system_id: "peer-smsc" }
            : pdu.command === "submit_sm"
              ? { message_id: `peer-${pdu.sequence_number}` }
              : {};
        session.send(pdu.response(extra));
      });
    });
    const port = await listen(server);
    const socket = net.connect(port, "127.0.0.1");
    await once(socket, "connect");
    const reader = new OurReader(socket);
    try {
      // bind_transceiver
      socket.write(
        encodeSmppPdu(
          {
            command: "bind_transceiver",
            systemId: "esme1",
            password: "secret",
            systemType: "OTP",
            interfaceVersion: 0x34,
            addrTon: 1,
            addrNpi: 1,
            addressRange: "^44",
          },
          1,
        ),
      );
      const bindResp = await reader.expect("bind_transceiver_resp");
      assert.deepEqual(
        [bindResp.commandStatus, bindResp.sequenceNumber, bindResp.systemId],
        [0, 1, "peer-smsc"],
      );

      // submit_sm: the text in message_payload (sm_length 0), one segment of a SAR-concatenated message.
      const payload = "Your one-time code is 123456. It expires in 10 minutes. Do not share it with anyone.";
      socket.write(
        encodeSmppPdu(
          {
            ...SUBMIT_BASE,
            validityPeriod: "250102030405623+",
            tlvs: [
              { kind: "sar_msg_ref_num", value: 0xbeef },
              { kind: "sar_total_segments", value: 3 },
              { kind: "sar_segment_seqnum", value: 2 },
              { kind: "message_payload", value: Buffer.from(payload, "latin1") },
              { kind: "source_port", value: 9200 },
              { kind: "destination_port", value: 2948 },
              { kind: "user_message_reference", value: 4242 },
              { kind: "callback_num", digitMode: 1, ton: 1, npi: 1, digits: "447700900999" },
              { kind: "network_error_code", networkType: 3, errorCode: 0x0101 },
              { kind: "unknown", tag: 0x1500, value: Buffer.from("vendor") },
            ],
          },
          2,
        ),
      );
      const submitResp = await reader.expect("submit_sm_resp");
      assert.deepEqual([submitResp.sequenceNumber, submitResp.messageId], [2, "peer-2"]);

      // submit_sm: UCS2 short message behind a concatenation UDH (esm_class UDHI).
      const udh = Buffer.from("0500030a0201", "hex");
      const ucs2 = Buffer.from("Привет, мир", "utf16le").swap16();
      socket.write(
        encodeSmppPdu(
          { ...SUBMIT_BASE, esmClass: 0x40, dataCoding: 8, shortMessage: Buffer.concat([udh, ucs2]) },
          3,
        ),
      );
      assert.equal((await reader.expect("submit_sm_resp")).messageId, "peer-3");

      socket.write(encodeSmppPdu({ command: "enquire_link" }, 4));
      assert.equal((await reader.expect("enquire_link_resp")).sequenceNumber, 4);
      socket.write(encodeSmppPdu({ command: "unbind" }, 5));
      assert.equal((await reader.expect("unbind_resp")).sequenceNumber, 5);
      assert.equal(reader.failure, null);

      // What the package decoded from our bytes.
      const requests = seen.filter((p) => !p.isResponse());
      assert.deepEqual(
        requests.map((p) => [p.command, p.sequence_number]),
        [
          ["bind_transceiver", 1],
          ["submit_sm", 2],
          ["submit_sm", 3],
          ["enquire_link", 4],
          ["unbind", 5],
        ],
      );
      const [bind, submit, udhSubmit] = requests as [PDU, PDU, PDU];
      assert.deepEqual(
        [
          bind.system_id,
          bind.password,
          bind.system_type,
          bind.interface_version,
          bind.addr_ton,
          bind.addr_npi,
          bind.address_range,
        ],
        ["esme1", "secret", "OTP", 0x34, 1, 1, "^44"],
      );
      assert.deepEqual(
        [
          submit.source_addr_ton,
          submit.source_addr,
          submit.dest_addr_ton,
          submit.dest_addr_npi,
          submit.destination_addr,
        ],
        [5, "ACME OTP", 1, 1, "447700900123"],
      );
      assert.deepEqual(
        [submit.priority_flag, submit.registered_delivery, submit.data_coding, submit.schedule_delivery_time],
        [1, 1, 0, ""],
      );
      assert.deepEqual(submit.short_message, { message: "" });
      assert.deepEqual(submit.message_payload, { message: payload });
      assert.deepEqual(
        [submit.sar_msg_ref_num, submit.sar_total_segments, submit.sar_segment_seqnum],
        [0xbeef, 3, 2],
      );
      assert.deepEqual(
        // The package calls 0x020B "dest_port" where SMPP 3.4 §5.3.2.21 says destination_port.
        [submit.source_port, submit.dest_port, submit.user_message_reference],
        [9200, 2948, 4242],
      );
      assert.deepEqual(submit.callback_num, [{ digit_mode: 1, ton: 1, npi: 1, number: "447700900999" }]);
      assert.equal(toHex(submit.network_error_code as Buffer), "030101");
      // Both read "250102030405623+" (UTC+5:45) as the same instant.
      assert.ok(submit.validity_period instanceof Date);
      assert.equal(
        submit.validity_period.toISOString(),
        smppTimeToDate(parseSmppTime("250102030405623+")!).toISOString(),
      );
      // It keeps a TLV it does not know under its numeric tag.
      assert.equal(toHex(submit[String(0x1500)] as Buffer), toHex(Buffer.from("vendor")));

      assert.equal(udhSubmit.esm_class, 0x40);
      assert.equal(udhSubmit.data_coding, 8);
      const sm = udhSubmit.short_message as { udh: Buffer[]; message: string };
      assert.equal(sm.message, "Привет, мир");
      // It splits the UDH into its information elements: IEI 0 (concatenation, 8-bit ref) 0x0a, 2 parts, part 1.
      assert.deepEqual(
        sm.udh.map((u) => toHex(u)),
        ["00030a0201"],
      );
    } finally {
      socket.destroy();
      for (const s of sessions) s.destroy();
      await closeServer(server);
    }
  });

  it("its client binds, submits and parses our delivery receipt from our tiny SMSC", {
    timeout: 15_000,
  }, async () => {
    const got: SmppPdu[] = [];
    const sockets: net.Socket[] = [];
    const receipt = formatDeliveryReceipt({
      id: "0A1B2C",
      sub: 1,
      dlvrd: 1,
      submitDate: "2501020304",
      doneDate: "2501020305",
      stat: "DELIVRD",
      err: 0,
      text: "Your code is 1234",
    });
    const server = net.createServer((socket) => {
      sockets.push(socket);
      const reader = new OurReader(socket);
      void (async () => {
        for (;;) {
          const p = await reader.next();
          got.push(p);
          const seq = p.sequenceNumber;
          switch (p.command) {
            case "bind_transceiver":
              socket.write(
                encodeSmppPdu(
                  {
                    command: "bind_transceiver_resp",
                    systemId: "ss7guard",
                    tlvs: [{ kind: "sc_interface_version", value: 0x34 }],
                  },
                  seq,
                ),
              );
              break;
            case "submit_sm":
              socket.write(encodeSmppPdu({ command: "submit_sm_resp", messageId: "0A1B2C" }, seq));
              socket.write(
                encodeSmppPdu(
                  {
                    ...SUBMIT_BASE,
                    command: "deliver_sm",
                    sourceAddrTon: p.destAddrTon,
                    sourceAddrNpi: p.destAddrNpi,
                    sourceAddr: p.destinationAddr,
                    destAddrTon: p.sourceAddrTon,
                    destAddrNpi: p.sourceAddrNpi,
                    destinationAddr: p.sourceAddr,
                    esmClass: 0x04,
                    priorityFlag: 0,
                    registeredDelivery: 0,
                    shortMessage: Buffer.from(receipt, "latin1"),
                    tlvs: [
                      { kind: "receipted_message_id", value: "0A1B2C" },
                      { kind: "message_state", value: 2 },
                    ],
                  },
                  0x1000,
                ),
              );
              break;
            case "enquire_link":
              socket.write(encodeSmppPdu({ command: "enquire_link_resp" }, seq));
              break;
            case "unbind":
              socket.write(encodeSmppPdu({ command: "unbind_resp" }, seq));
              break;
            default:
          }
        }
      })();
    });
    const port = await listen(server);
    const session = smpp.connect({ url: `smpp://127.0.0.1:${port}` });
    session.on("error", () => {});
    try {
      await withTimeout(once(session, "connect"), "connecting");
      const call = (
        method: "bind_transceiver" | "submit_sm" | "enquire_link" | "unbind",
        options: Record<string, unknown>,
      ) => withTimeout(new Promise<PDU>((resolve) => session[method](options, resolve)), method);
      const delivered = withTimeout(once(session, "deliver_sm"), "the receipt") as Promise<[PDU]>;

      const bound = await call("bind_transceiver", {
        system_id: "acme",
        password: "pw12345",
        interface_version: 0x34,
      });
      assert.deepEqual(
        [bound.command, bound.command_status, bound.system_id],
        ["bind_transceiver_resp", 0, "ss7guard"],
      );
      assert.equal(bound.sc_interface_version, 0x34);

      const submitted = await call("submit_sm", {
        source_addr_ton: 5,
        source_addr: "ACME",
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: "447700900123",
        registered_delivery: 1,
        short_message: "Your code is 1234",
        sar_msg_ref_num: 7,
        sar_total_segments: 1,
        sar_segment_seqnum: 1,
      });
      assert.deepEqual(
        [submitted.command, submitted.command_status, submitted.message_id],
        ["submit_sm_resp", 0, "0A1B2C"],
      );

      const [dlr] = await delivered;
      assert.equal(dlr.esm_class, 0x04);
      assert.equal(dlr.receipted_message_id, "0A1B2C");
      assert.equal(dlr.message_state, 2);
      assert.deepEqual([dlr.source_addr, dlr.destination_addr], ["447700900123", "ACME"]);
      const text = (dlr.short_message as { message: string }).message;
      assert.equal(text, receipt);
      assert.deepEqual(parseDeliveryReceipt(text), {
        id: "0A1B2C",
        sub: "001",
        dlvrd: "001",
        submitDate: "2501020304",
        doneDate: "2501020305",
        stat: "DELIVRD",
        err: "000",
        text: "Your code is 1234",
      });
      session.send(dlr.response());

      const linked = await call("enquire_link", {});
      assert.equal(linked.command, "enquire_link_resp");
      const unbound = await call("unbind", {});
      assert.equal(unbound.command, "unbind_resp");

      // What our decoder read from the package's bytes.
      assert.deepEqual(
        got.map((p) => p.command),
        ["bind_transceiver", "submit_sm", "deliver_sm_resp", "enquire_link", "unbind"],
      );
      const [bind, submit, dlrResp] = got as [
        SmppPduOf<"bind_transceiver">,
        SmppPduOf<"submit_sm">,
        SmppPduOf<"deliver_sm_resp">,
      ];
      assert.deepEqual([bind.systemId, bind.password, bind.interfaceVersion], ["acme", "pw12345", 0x34]);
      assert.deepEqual(
        [
          submit.sourceAddrTon,
          submit.sourceAddr,
          submit.destAddrTon,
          submit.destinationAddr,
          submit.registeredDelivery,
        ],
        [5, "ACME", 1, "447700900123", 1],
      );
      assert.equal(Buffer.from(submit.shortMessage).toString("latin1"), "Your code is 1234");
      assert.deepEqual(
        submit.tlvs.map((t) => [t.kind, "value" in t ? t.value : undefined]),
        [
          ["sar_msg_ref_num", 7],
          ["sar_total_segments", 1],
          ["sar_segment_seqnum", 1],
        ],
      );
      assert.equal(dlrResp.sequenceNumber, 0x1000);
      assert.equal(dlrResp.messageId, "");
    } finally {
      session.destroy();
      for (const s of sockets) s.destroy();
      await closeServer(server);
    }
  });
});
