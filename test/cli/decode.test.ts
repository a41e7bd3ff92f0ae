/**
 * `ss7guard decode` as a user runs it: `node bin/ss7guard.js decode FILE …` in a child process, real files,
 * real exit codes, real pipes. The capture is the tshark-oracle corpus (every SCCP form, M3UA and M2PA, XUDT
 * segments, two messages in one packet, Begin/Continue/End/Abort, results and errors), so every `--json`
 * record is checked against what was encoded, field by field.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generateCapture } from "../../src/cli/lab.js";
import { extractPayloads, LinkType, PcapWriter, readCapture } from "../../src/codec/capture/index.js";
import { M3uaDataFields, readM3uaData } from "../../src/codec/m3ua/index.js";
import { decodeSccp } from "../../src/codec/sccp/index.js";
import { isoTime } from "../../src/codec/stack/message.js";
import { buildOracleCorpus, type Truth } from "../oracle/corpus.js";
import { assertNoStackTrace, type CliRun, lines, run, ss7guard } from "./run.js";
import { checkAgainstTruth, type Decoded, type DecodedAddress } from "./truth.js";

const COUNT = 150;
const { pcap, frames } = buildOracleCorpus(COUNT, 20261129);
const dir = mkdtempSync(join(tmpdir(), "ss7guard-decode-"));
const file = join(dir, "corpus.pcap");
writeFileSync(file, pcap);

/** The --json record as documented in the README (the keys the tests read). */
interface JsonRecord extends Decoded {
  time: string;
  transport: string;
  sigtran: string;
  sccp: Decoded["sccp"] & { returnCause?: number };
}

function checkRecord(r: JsonRecord, frame: number, t: Truth): void {
  assert.match(r.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/, `frame ${frame}`);
  assert.equal(r.time, recordTimes[frame - 1], `frame ${frame}`);
  assert.equal(r.transport, "sctp", `frame ${frame}`);
  assert.ok(r.sigtran === "m3ua" || r.sigtran === "m2pa", `frame ${frame}`);
  checkAgainstTruth(r, frame, t);
}

/**
 * The corpus capture read by hand (draft-ietf-opsawg-pcap §5, nanosecond magic, little-endian): where each
 * record ends and its timestamp as ISO 8601; and frames holding one M3UA DATA with one UDT, to corrupt.
 */
const recordEnds: number[] = [];
const recordTimes: string[] = [];
{
  const view = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  for (let at = 24; at < pcap.length; ) {
    recordTimes.push(isoTime(view.getUint32(at, true), view.getUint32(at + 4, true)));
    at += 16 + view.getUint32(at + 8, true);
    recordEnds.push(at);
  }
}
const payloads = [...extractPayloads(pcap)];
const singleM3uaUdt = frames.filter((f) => {
  const carried = payloads.filter((p) => p.frameNumber === f.frame);
  return (
    carried.length === 1 && carried[0]!.ppid === 3 && f.truths.length === 1 && f.truths[0]!.sccpType === "UDT"
  );
});

let full: CliRun;
let records: JsonRecord[];

describe("ss7guard decode", { concurrency: 2 }, () => {
  before(async () => {
    full = await ss7guard("decode", file, "--json");
    records = lines(full.stdout).map((l) => JSON.parse(l) as JsonRecord);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints one JSON object per message with the documented fields, equal to what was encoded", () => {
    assert.equal(full.code, 0, full.stderr);
    assert.equal(records.length, COUNT);
    assert.equal(full.stderr, `${file}: ${frames.length} packets, ${COUNT} SS7 messages, 0 undecodable\n`);
    const expected = frames.flatMap((f) => f.truths.map((t) => ({ frame: f.frame, t })));
    expected.forEach(({ frame, t }, i) => {
      checkRecord(records[i]!, frame, t);
    });
    // The README's key order: the layers bottom up, tcap before components.
    assert.deepEqual(Object.keys(records[0]!).slice(0, 4), ["frame", "time", "transport", "sigtran"]);
    const keys = Object.keys(records.find((r) => r.tcap)!);
    assert.ok(
      keys.indexOf("sccp") < keys.indexOf("tcap") && keys.indexOf("tcap") < keys.indexOf("components"),
    );
    // The corpus really covers what the fields are for.
    const all = records.flatMap((r) => r.components);
    for (const [what, found] of [
      ["M2PA", records.some((r) => r.sigtran === "m2pa")],
      ["XUDT", records.some((r) => r.sccp.type === "XUDT")],
      ["UDTS", records.some((r) => r.sccp.type === "UDTS")],
      ["a PC in an address", records.some((r) => r.sccp.calling.pc !== undefined)],
      ["an Abort", records.some((r) => r.tcap?.type === "Abort")],
      ["an ACN", records.some((r) => r.tcap?.acn !== undefined)],
      ["a returnError", all.some((c) => c.errorCode !== undefined)],
      ["an IMSI", all.some((c) => c.imsi !== undefined)],
      ["an MSISDN", all.some((c) => c.msisdn !== undefined)],
    ] as const) {
      assert.ok(found, `the corpus has ${what}`);
    }
    assert.ok(all.some((c) => c.operation === "sendRoutingInfoForSM" && c.opcode === 45));
    assert.ok(all.some((c) => c.error === "systemFailure" && c.errorCode === 34));
  });

  it("prints one readable line per message with frame, time, point codes, addresses, TCAP and components", async () => {
    const plain = await ss7guard("decode", file);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stderr, full.stderr);
    const text = lines(plain.stdout);
    assert.equal(text.length, records.length);
    text.forEach((line, i) => {
      const r = records[i]!;
      const gt = (a: DecodedAddress): string =>
        [a.gt, a.ssn !== undefined && `ssn ${a.ssn}`].filter(Boolean).join(" ");
      assert.ok(
        line.startsWith(`${r.frame} ${r.time} ${r.opc}→${r.dpc} ${r.sccp.type} ${gt(r.sccp.calling)}`),
        `line ${i + 1}: ${line}`,
      );
      assert.ok(line.includes(` → ${gt(r.sccp.called)}`), `line ${i + 1} names the called party: ${line}`);
      assert.ok(line.includes(`| ${r.tcap!.type} `), `line ${i + 1}: ${line}`);
      if (r.tcap!.otid) assert.ok(line.includes(`otid ${r.tcap!.otid}`), line);
      if (r.tcap!.dtid) assert.ok(line.includes(`dtid ${r.tcap!.dtid}`), line);
      for (const c of r.components) {
        assert.ok(line.includes(`${c.type}#${c.invokeId}`), line);
        for (const v of [
          c.operation,
          c.error,
          c.imsi && `imsi ${c.imsi}`,
          c.msisdn && `msisdn ${c.msisdn}`,
        ]) {
          if (v) assert.ok(line.includes(v), `line ${i + 1} lacks ${v}: ${line}`);
        }
      }
      assert.doesNotMatch(line, /undefined|null|\[object Object\]|NaN/, `line ${i + 1}: ${line}`);
    });
  });

  it("prints a TSV header and one fast-path line per message agreeing with --json on frame, point codes, GTs and TCAP", async () => {
    const tsv = await ss7guard("decode", file, "--tsv");
    assert.equal(tsv.code, 0, tsv.stderr);
    const [header, ...rows] = lines(tsv.stdout);
    assert.equal(header, "frame\topc\tdpc\tcalling\tcalled\ttcap\topcode\timsi\tmsisdn");
    assert.deepEqual(
      rows.map((row) => row.split("\t").slice(0, 6).join("\t")),
      records.map((r) =>
        [r.frame, r.opc, r.dpc, r.sccp.calling.gt ?? "", r.sccp.called.gt ?? "", r.tcap!.type].join("\t"),
      ),
    );
  });

  for (const [where, cut] of [
    ["inside a record header", () => recordEnds[40]! + 7],
    ["inside a packet", () => recordEnds[90]! + 16 + 30],
  ] as const) {
    it(`prints the messages before a cut ${where}, reports the cut on stderr and exits 1`, async () => {
      const at = cut();
      const whole = recordEnds.filter((e) => e <= at).length;
      const cutFile = join(dir, `cut-${at}.pcap`);
      writeFileSync(cutFile, pcap.subarray(0, at));
      const r = await ss7guard("decode", cutFile, "--json");
      assert.equal(r.code, 1);
      // Exactly the records of the whole frames before the cut, byte for byte as in the full decode.
      assert.deepEqual(
        lines(r.stdout),
        lines(full.stdout).filter((_, i) => records[i]!.frame <= whole),
      );
      assert.match(
        r.stderr,
        new RegExp(
          `^frame ${whole + 1}: pcap: capture ends in the middle of a record \\(\\d+ bytes left over\\) at offset ${recordEnds[whole - 1]}$`,
          "m",
        ),
      );
      assert.match(r.stderr, /, 1 undecodable \(capture cut short\)\n$/);
      assertNoStackTrace(r.stderr);
    });
  }

  it("reports corrupt packets in the middle as `frame N: layer: …`, counts them, decodes the rest and exits 0", async () => {
    const bytes = Uint8Array.from(pcap);
    assert.ok(singleM3uaUdt.length >= 30, `${singleM3uaUdt.length} frames to choose from`);
    const [ipFrame, m3uaFrame, tcapFrame] = [5, 15, 25].map((i) => singleM3uaUdt[i]!.frame) as [
      number,
      number,
      number,
    ];
    const packets = [...readCapture(pcap)];
    // IPv4 version 6 in an IPv4 header (Ethernet header first).
    const ipAt = packets[ipFrame - 1]!.start + 14;
    bytes[ipAt] = (6 << 4) | (bytes[ipAt]! & 0x0f);
    const payload = (frame: number) => payloads.find((p) => p.frameNumber === frame)!;
    // RFC 4666 §3.1.1: M3UA version 1 is the only one.
    bytes[payload(m3uaFrame).start] = 2;
    // Q.773 §4.2: the TCAP message type tag (0x61–0x67) replaced by a primitive universal tag.
    const p = payload(tcapFrame);
    const m3ua = new M3uaDataFields();
    readM3uaData(pcap, p.start, p.end, m3ua);
    const sccp = decodeSccp(pcap, m3ua.dataStart, m3ua.dataEnd);
    assert.ok("dataStart" in sccp);
    assert.ok([0x62, 0x64, 0x65, 0x67].includes(bytes[sccp.dataStart]!), "a TCAP message tag");
    bytes[sccp.dataStart] = 0x0f;
    const bad = join(dir, "corrupt.pcap");
    writeFileSync(bad, bytes);

    const r = await ss7guard("decode", bad, "--json");
    assert.equal(r.code, 0, r.stderr);
    const problems = lines(r.stderr);
    assert.equal(problems.length, 4, r.stderr);
    assert.match(problems[0]!, new RegExp(`^frame ${ipFrame}: ip: .+ at offset \\d+$`));
    assert.match(problems[1]!, new RegExp(`^frame ${m3uaFrame}: m3ua: .*version.* at offset \\d+$`));
    assert.match(problems[2]!, new RegExp(`^frame ${tcapFrame}: tcap: .+ at offset \\d+$`));
    assert.equal(problems[3], `${bad}: ${frames.length} packets, ${COUNT - 2} SS7 messages, 3 undecodable`);
    const got = lines(r.stdout).map((l) => JSON.parse(l) as JsonRecord);
    // Everything else is exactly as before; the frame with broken TCAP keeps its SCCP part and says why.
    assert.deepEqual(
      got.filter((m) => m.frame !== tcapFrame),
      records.filter((m) => m.frame !== ipFrame && m.frame !== m3uaFrame && m.frame !== tcapFrame),
    );
    const broken = got.find((m) => m.frame === tcapFrame)!;
    assert.deepEqual(broken.sccp, records.find((m) => m.frame === tcapFrame)!.sccp);
    assert.equal(broken.tcap, undefined);
    assert.deepEqual(broken.components, []);
    assert.match(broken.error ?? "", /^tcap: /);
  });

  it("prints every message of a pcapng whose timestamps no four-digit year can hold, times as epoch seconds", async () => {
    // pcapng §4.2 if_tsresol 0: one-second units, so a 64-bit timestamp reaches far past year 9999.
    const ng = new PcapWriter({ format: "pcapng", nanoseconds: true });
    const packets = [...readCapture(pcap)];
    const first = singleM3uaUdt.slice(0, 3).map((f) => packets[f.frame - 1]!);
    const inSeconds = ng.addInterface({ linkType: LinkType.ethernet, timestampResolution: 0 });
    for (const [i, seconds] of [1_767_225_600, 300_000_000_000, 10_000_000_000_000].entries()) {
      const p = first[i]!;
      ng.writePacket(seconds, 0, p.bytes, p.start, p.end, p.end - p.start, inSeconds);
    }
    const odd = join(dir, "odd-times.pcapng");
    writeFileSync(odd, ng.take());
    const [json, plain] = await Promise.all([ss7guard("decode", odd, "--json"), ss7guard("decode", odd)]);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(
      lines(json.stdout).map((l) => (JSON.parse(l) as JsonRecord).time),
      ["2026-01-01T00:00:00.000000000Z", "300000000000.000000000", "10000000000000.000000000"],
    );
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(
      lines(plain.stdout).map((l) => l.split(" ")[1]),
      ["2026-01-01T00:00:00.000000000Z", "300000000000.000000000", "10000000000000.000000000"],
    );
  });

  it("says clearly that a file is not a capture: one line per problem, no stack trace, exit 1", async () => {
    const cases: [string, Uint8Array | string][] = [
      ["notes.txt", "this is not a capture file at all, just text\n".repeat(4)],
      ["empty.pcap", ""],
    ];
    const results = await Promise.all(
      cases.map(([name, content]) => {
        writeFileSync(join(dir, name), content);
        return ss7guard("decode", join(dir, name));
      }),
    );
    results.forEach((r, i) => {
      const name = join(dir, cases[i]![0]);
      assert.equal(r.code, 1, name);
      assert.equal(r.stdout, "");
      assert.match(
        r.stderr,
        /^frame 1: pcap: (not a pcap or pcapng file \(magic 0x[0-9a-f]{8}\)|empty capture) at offset 0\n/,
      );
      assert.ok(
        r.stderr.endsWith(`${name}: 0 packets, 0 SS7 messages, 1 undecodable (not a readable capture)\n`),
        r.stderr,
      );
      assertNoStackTrace(r.stderr);
    });
  });

  it("says clearly that a file is missing or is a directory, naming it, without a stack trace", async () => {
    const missing = join(dir, "missing.pcap");
    const folder = join(dir, "folder.pcap");
    mkdirSync(folder);
    const [a, b] = await Promise.all([ss7guard("decode", missing), ss7guard("decode", folder, "--json")]);
    assert.equal(a.code, 1);
    assert.equal(a.stderr, `ss7guard: ENOENT: no such file or directory, open '${missing}'\n`);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /^ss7guard: EISDIR: illegal operation on a directory/);
    assert.equal(a.stdout + b.stdout, "");
    assertNoStackTrace(a.stderr + b.stderr);
  });

  it("refuses --json together with --tsv, with exit 1", async () => {
    const both = await ss7guard("decode", file, "--json", "--tsv");
    assert.equal(both.code, 1);
    assert.equal(both.stderr, "ss7guard: choose one of --json and --tsv\n");
    assert.equal(both.stdout, "");
  });

  it("fails with a clear message when stdout cannot be written (a full disk)", {
    skip: !existsSync("/dev/full") && "no /dev/full",
  }, async () => {
    const r = await run("sh", ["-c", `exec node bin/ss7guard.js decode "$1" --json > /dev/full`, "sh", file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "ss7guard: ENOSPC: no space left on device, write\n");
  });
});

describe("ss7guard decode into a pipe that closes early", { concurrency: 2 }, () => {
  // Far more output than a pipe buffers (64 KiB), so the reader's exit reaches the writer mid-run.
  const big = join(tmpdir(), `ss7guard-pipe-${process.pid}.pcap`);
  before(async () => {
    await generateCapture(big, 20_000, 3);
  });
  after(() => rmSync(big, { force: true }));

  // Plain lines go through the same writer as --json; --tsv has its own byte writer.
  for (const flag of ["--json", "--tsv"]) {
    it(`ends quietly with exit 0 under \`| head -1\` (${flag})`, async () => {
      // pipefail: the pipeline's status is ss7guard's own, not head's.
      const r = await run("bash", [
        "-c",
        `set -o pipefail; node bin/ss7guard.js decode "$1" ${flag} | head -1`,
        "bash",
        big,
      ]);
      assert.equal(r.stderr, "", "nothing on stderr: no EPIPE, no summary of a run that was cut off");
      assert.equal(r.code, 0);
      assert.equal(lines(r.stdout).length, 1);
    });
  }
});
