import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex } from "../../../src/codec/bytes.js";
import { EncodeError } from "../../../src/codec/errors.js";
import {
  decodeSmppPdu,
  deliveryReceiptOf,
  formatDeliveryReceipt,
  parseDeliveryReceipt,
  SMPP_RECEIPT_STAT_STATES,
  SmppMessageState,
  SmppReceiptStat,
  smppReceiptDate,
} from "../../../src/codec/smpp/index.js";
import { SMPP_FIXTURES } from "./fixtures.js";

const BASE = {
  id: "5f3a9c",
  sub: 1,
  dlvrd: 1,
  submitDate: new Date(Date.UTC(2025, 0, 2, 3, 4, 59)),
  doneDate: "2501020305",
  stat: "DELIVRD",
  err: 0,
  text: "Your code is 123456",
};

describe("SMPP delivery receipts (Appendix B)", () => {
  it("formats the de-facto receipt text", () => {
    assert.equal(
      formatDeliveryReceipt(BASE),
      "id:5f3a9c sub:001 dlvrd:001 submit date:2501020304 done date:2501020305 stat:DELIVRD err:000 text:Your code is 123456",
    );
    assert.equal(
      formatDeliveryReceipt({ ...BASE, sub: "1", err: "0x0B", text: undefined }),
      "id:5f3a9c sub:1 dlvrd:001 submit date:2501020304 done date:2501020305 stat:DELIVRD err:0x0B text:",
    );
  });

  it("parses what it formats, for every stat value and any id, counts, dates and text", () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.oneof(
            fc.stringMatching(/^[0-9a-fA-F]{1,20}$/),
            fc.stringMatching(/^[0-9]{1,20}$/),
            fc.uuid(),
          ),
          sub: fc.nat(999),
          dlvrd: fc.nat(999),
          submitDate: fc.stringMatching(/^\d{10}(\d\d)?$/),
          doneDate: fc.date({
            min: new Date("2000-01-01T00:00:00Z"),
            max: new Date("2099-12-31T23:59:59Z"),
            noInvalidDate: true,
          }),
          stat: fc.constantFrom(...Object.values(SmppReceiptStat)),
          err: fc.nat(999),
          text: fc.string({ maxLength: 30 }).filter((s) => !s.includes("\0")),
        }),
        (r) => {
          const text = formatDeliveryReceipt(r);
          const p = parseDeliveryReceipt(text);
          assert.ok(p, text);
          assert.equal(p.id, r.id);
          assert.equal(p.sub, String(r.sub).padStart(3, "0"));
          assert.equal(p.dlvrd, String(r.dlvrd).padStart(3, "0"));
          assert.equal(p.submitDate, r.submitDate);
          const done = new Date(r.doneDate);
          done.setUTCSeconds(0, 0);
          assert.equal(smppReceiptDate(p.doneDate!)?.getTime(), done.getTime());
          assert.equal(p.stat, r.stat);
          assert.equal(p.err, String(r.err).padStart(3, "0"));
          assert.equal(p.text, r.text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reads the variants seen in the wild", () => {
    const cases: [string, Record<string, string | undefined>][] = [
      // Upper-case keys and lower-case stat.
      [
        "ID:0A1B2C3D SUB:001 DLVRD:001 SUBMIT DATE:2501020304 DONE DATE:2501020305 STAT:delivrd ERR:000 TEXT:Hi",
        {
          id: "0A1B2C3D",
          sub: "001",
          dlvrd: "001",
          submitDate: "2501020304",
          doneDate: "2501020305",
          stat: "DELIVRD",
          err: "000",
          text: "Hi",
        },
      ],
      // Extra spaces between fields, a space after the colon, 12-digit dates, no text field.
      [
        "id: 1234567890   sub:001  dlvrd:000 submit date:250102030405  done date:250102030512 stat:UNDELIV err:001",
        {
          id: "1234567890",
          sub: "001",
          dlvrd: "000",
          submitDate: "250102030405",
          doneDate: "250102030512",
          stat: "UNDELIV",
          err: "001",
          text: undefined,
        },
      ],
      // submit_date / done_date, keys in another order, trailing NULs, "Text:" capitalised with spaces in it.
      [
        "stat:EXPIRED id:77 submit_date:2501020304 done_date:2501030304 err:000 sub:001 dlvrd:000 Text:a b  c:d\0\0",
        {
          id: "77",
          sub: "001",
          dlvrd: "000",
          submitDate: "2501020304",
          doneDate: "2501030304",
          stat: "EXPIRED",
          err: "000",
          text: "a b  c:d",
        },
      ],
      // A space before the colon, an empty value followed by the next key, an unknown key.
      [
        "id :abc sub: dlvrd:001 imsi:001010123456789 Submit  Date :2501020304 done date: 2501020305 stat : ACCEPTD err:",
        {
          id: "abc",
          sub: "",
          dlvrd: "001",
          submitDate: "2501020304",
          doneDate: "2501020305",
          stat: "ACCEPTD",
          err: "",
          text: undefined,
        },
      ],
      // Only id and stat (some SMSCs send no more); text empty.
      ["id:9 stat:REJECTD text:", { id: "9", stat: "REJECTD", text: "" }],
      // Hex ids keep their case and leading zeros.
      [
        "id:00ff00 sub:001 dlvrd:001 submit date:2501020304 done date:2501020305 stat:ENROUTE err:000 text:",
        {
          id: "00ff00",
          sub: "001",
          dlvrd: "001",
          submitDate: "2501020304",
          doneDate: "2501020305",
          stat: "ENROUTE",
          err: "000",
          text: "",
        },
      ],
    ];
    for (const [text, want] of cases) {
      const got = parseDeliveryReceipt(text);
      assert.ok(got, text);
      const clean = Object.fromEntries(Object.entries(want).filter(([, v]) => v !== undefined));
      assert.deepEqual({ ...got }, clean, text);
    }
  });

  it("returns null for texts that are not receipts", () => {
    for (const s of [
      "",
      "hello world",
      "stat:DELIVRD",
      "id:123 sub:001",
      "id: stat:DELIVRD",
      "text:id:1 stat:DELIVRD",
    ]) {
      assert.equal(parseDeliveryReceipt(s), null, s);
    }
  });

  it("reads receipt bytes one character per octet", () => {
    const b = Buffer.from("id:1 stat:DELIVRD text:caf\xe9", "latin1");
    assert.equal(parseDeliveryReceipt(b)?.text, "caf\xe9");
  });

  it("refuses to format fields that would not parse back", () => {
    assert.throws(() => formatDeliveryReceipt({ ...BASE, id: "a b" }), EncodeError);
    assert.throws(() => formatDeliveryReceipt({ ...BASE, id: "" }), EncodeError);
    assert.throws(() => formatDeliveryReceipt({ ...BASE, sub: 1000 }), EncodeError);
    assert.throws(() => formatDeliveryReceipt({ ...BASE, submitDate: "25010203" }), EncodeError);
    assert.throws(
      () => formatDeliveryReceipt({ ...BASE, doneDate: new Date("1999-12-31T00:00:00Z") }),
      EncodeError,
    );
    assert.throws(() => formatDeliveryReceipt({ ...BASE, text: "a\0" }), EncodeError);
  });

  it("reads receipt dates of 10 and 12 digits as UTC and refuses impossible ones", () => {
    assert.equal(smppReceiptDate("2501020304")?.toISOString(), "2025-01-02T03:04:00.000Z");
    assert.equal(smppReceiptDate("250102030459")?.toISOString(), "2025-01-02T03:04:59.000Z");
    for (const s of ["2502300304", "2513020304", "2501022404", "250102030460", "25010203", "abcdefghij"]) {
      assert.equal(smppReceiptDate(s), null, s);
    }
  });

  it("pairs every stat with its message_state", () => {
    assert.equal(SMPP_RECEIPT_STAT_STATES.DELIVRD, SmppMessageState.DELIVERED);
    assert.equal(SMPP_RECEIPT_STAT_STATES.UNDELIV, SmppMessageState.UNDELIVERABLE);
    assert.equal(Object.keys(SMPP_RECEIPT_STAT_STATES).length, 8);
  });

  it("finds the receipt in a deliver_sm with the receipted_message_id and message_state TLVs", () => {
    const f = SMPP_FIXTURES.find((x) => x.value.command === "deliver_sm")!;
    const r = deliveryReceiptOf(decodeSmppPdu(fromHex(f.hex)));
    assert.ok(r);
    assert.equal(r.id, "5f3a9c");
    assert.equal(r.receiptedMessageId, "5f3a9c");
    assert.equal(r.messageState, SmppMessageState.DELIVERED);
    assert.equal(r.text, "hello");
    const submit = SMPP_FIXTURES.find((x) => x.value.command === "submit_sm")!;
    assert.equal(deliveryReceiptOf(decodeSmppPdu(fromHex(submit.hex))), null);
  });

  it("finds the receipt in message_payload when short_message is empty", () => {
    const text = formatDeliveryReceipt(BASE);
    const r = deliveryReceiptOf({
      command: "data_sm",
      commandStatus: 0,
      sequenceNumber: 1,
      serviceType: "",
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: "1",
      destAddrTon: 1,
      destAddrNpi: 1,
      destinationAddr: "2",
      esmClass: 0x04,
      registeredDelivery: 0,
      dataCoding: 0,
      tlvs: [
        { kind: "message_payload", value: Buffer.from(text, "latin1") },
        { kind: "network_error_code", networkType: 3, errorCode: 27 },
      ],
    });
    assert.equal(r?.text, BASE.text);
    assert.deepEqual(r?.networkErrorCode, { networkType: 3, errorCode: 27 });
  });
});
