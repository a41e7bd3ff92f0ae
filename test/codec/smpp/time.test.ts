import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DecodeError, EncodeError } from "../../../src/codec/errors.js";
import {
  formatSmppTime,
  parseSmppTime,
  type SmppTime,
  smppAbsoluteTime,
  smppTimeToDate,
} from "../../../src/codec/smpp/index.js";

describe("SMPP time format (§7.1.1)", () => {
  it("parses an absolute time with its UTC offset in quarter hours", () => {
    assert.deepEqual(parseSmppTime("250102030405623+"), {
      kind: "absolute",
      year: 2025,
      month: 1,
      day: 2,
      hour: 3,
      minute: 4,
      second: 5,
      tenths: 6,
      utcOffsetQuarterHours: 23,
    });
    // 03:04:05.6 at UTC+5:45 (23 quarter hours) is 21:19:05.6 UTC the day before.
    assert.equal(
      smppTimeToDate(parseSmppTime("250102030405623+")!).toISOString(),
      "2025-01-01T21:19:05.600Z",
    );
    assert.equal(
      smppTimeToDate(parseSmppTime("250102030405004-")!).toISOString(),
      "2025-01-02T04:04:05.000Z",
    );
  });

  it("parses a relative time and resolves it against a given now", () => {
    const t = parseSmppTime("000001023000000R");
    assert.deepEqual(t, {
      kind: "relative",
      years: 0,
      months: 0,
      days: 1,
      hours: 2,
      minutes: 30,
      seconds: 0,
    });
    const now = new Date("2025-01-31T12:00:00Z");
    assert.equal(smppTimeToDate(t!, now).toISOString(), "2025-02-01T14:30:00.000Z");
    assert.equal(
      smppTimeToDate(parseSmppTime("000100000000000R")!, now).toISOString(),
      "2025-03-03T12:00:00.000Z",
    );
    assert.throws(() => smppTimeToDate(t!), RangeError);
  });

  it("reads the empty field as no time", () => {
    assert.equal(parseSmppTime(""), null);
  });

  it("rejects malformed times with the index of the bad character", () => {
    const bad: [string, number][] = [
      ["25010203040562+", 0],
      ["250102030405623*", 15],
      ["251302030405623+", 2],
      ["250230030405623+", 4],
      ["240229030405623+".replace("2402", "2302"), 4],
      ["250102240405623+", 6],
      ["250102036005623+", 8],
      ["250102030460623+", 10],
      ["25010203040x623+", 10],
      ["250102030405x23+", 12],
      ["250102030405649+", 13],
      ["00000100000000xR", 13],
    ];
    for (const [s, offset] of bad) {
      assert.throws(
        () => parseSmppTime(s),
        (e: unknown) => e instanceof DecodeError && e.layer === "smpp" && e.offset === offset,
        s,
      );
    }
    assert.equal(parseSmppTime("240229030405623+")?.kind, "absolute", "29 February of a leap year");
  });

  it("formats what it parses (fast-check), absolute and relative", () => {
    const absolute = fc
      .date({
        min: new Date("2000-01-02T00:00:00Z"),
        max: new Date("2099-12-30T00:00:00Z"),
        noInvalidDate: true,
      })
      .chain((d) => fc.integer({ min: -48, max: 48 }).map((q) => smppAbsoluteTime(d, q)));
    const relative = fc.tuple(...Array.from({ length: 6 }, () => fc.nat(99))).map(
      ([years, months, days, hours, minutes, seconds]): SmppTime => ({
        kind: "relative",
        years: years!,
        months: months!,
        days: days!,
        hours: hours!,
        minutes: minutes!,
        seconds: seconds!,
      }),
    );
    fc.assert(
      fc.property(fc.oneof(absolute, relative), (t) => {
        const s = formatSmppTime(t);
        assert.equal(s.length, 16);
        assert.deepEqual(parseSmppTime(s), t);
        assert.equal(formatSmppTime(parseSmppTime(s)!), s);
      }),
      { numRuns: 500 },
    );
  });

  it("turns a Date into the absolute time at an offset, and back to the same instant (to the tenth)", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2000-01-02T00:00:00Z"),
          max: new Date("2099-12-30T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: -48, max: 48 }),
        (d, q) => {
          const back = smppTimeToDate(parseSmppTime(formatSmppTime(smppAbsoluteTime(d, q)))!);
          assert.equal(back.getTime(), Math.floor(d.getTime() / 100) * 100);
        },
      ),
      { numRuns: 500 },
    );
    assert.equal(
      formatSmppTime(smppAbsoluteTime(new Date("2025-06-30T23:59:59.950Z"), 16)),
      "250701035959916+",
    );
  });

  it("refuses to format out-of-range fields", () => {
    const ok = parseSmppTime("250102030405623+")!;
    assert.throws(() => formatSmppTime({ ...ok, month: 13 } as SmppTime), EncodeError);
    assert.throws(() => formatSmppTime({ ...ok, year: 1999 } as SmppTime), EncodeError);
    assert.throws(() => formatSmppTime({ ...ok, utcOffsetQuarterHours: 49 } as SmppTime), EncodeError);
    assert.throws(() => formatSmppTime({ ...ok, tenths: 10 } as SmppTime), EncodeError);
    assert.throws(() => smppAbsoluteTime(new Date(), 60), EncodeError);
  });
});
