/**
 * The CLI as a newcomer runs it: `node bin/ss7guard.js …` in a child process, real files, real exit codes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "ss7guard-cli-"));

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, "bin", "ss7guard.js"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function generate(name: string, count: number, seed = 1): string {
  const file = join(dir, name);
  const r = run("lab", "generate", "--out", file, "--count", String(count), "--seed", String(seed));
  assert.equal(r.code, 0, r.stderr);
  return file;
}

describe("ss7guard lab generate", () => {
  it("writes exactly --count messages, byte-identical for the same seed", () => {
    const a = generate("a.pcap", 300, 9);
    const b = generate("b.pcap", 300, 9);
    const c = generate("c.pcap", 300, 10);
    assert.deepEqual(readFileSync(a), readFileSync(b));
    assert.notDeepEqual(readFileSync(a), readFileSync(c));
    const r = run("decode", a);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim().split("\n").length, 300);
    assert.match(r.stderr, /300 packets, 300 SS7 messages, 0 undecodable/);
  });

  it("rejects a bad --count and an unknown scenario with a clear message", () => {
    const bad = run("lab", "generate", "--out", join(dir, "x.pcap"), "--count", "-3");
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--count must be a positive integer/);
    const unknown = run("lab", "generate", "--out", join(dir, "x.pcap"), "--scenario", "nope");
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /unknown scenario "nope"/);
    assert.doesNotMatch(unknown.stderr, /at .*\.ts:\d+/, "no stack trace");
  });
});

describe("ss7guard decode", () => {
  const file = generate("d.pcap", 200, 2);

  it("prints one JSON object per message with the documented fields", () => {
    const r = run("decode", file, "--json");
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 200);
    for (const [i, m] of lines.entries()) {
      assert.equal(m.frame, i + 1);
      assert.match(String(m.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
      assert.equal(typeof m.opc, "number");
      assert.equal(typeof m.dpc, "number");
      const sccp = m.sccp as {
        type: string;
        calling: Record<string, unknown>;
        called: Record<string, unknown>;
      };
      assert.equal(sccp.type, "UDT");
      for (const a of [sccp.calling, sccp.called]) {
        assert.match(String(a.gt), /^\d+$/);
        assert.equal(typeof a.ssn, "number");
        assert.equal(a.tt, 0);
        assert.equal(a.np, 1);
        assert.equal(a.nai, 4);
      }
      const tcap = m.tcap as Record<string, string>;
      assert.ok(["Begin", "Continue", "End"].includes(tcap.type!));
      if (tcap.type !== "End") assert.match(tcap.otid!, /^[0-9a-f]{8}$/);
      if (tcap.type !== "Begin") assert.match(tcap.dtid!, /^[0-9a-f]{8}$/);
      const comps = m.components as Record<string, unknown>[];
      assert.ok(comps.length >= 1);
      for (const c of comps) {
        assert.ok(["invoke", "returnResultLast"].includes(String(c.type)));
        assert.equal(typeof c.invokeId, "number");
        if (c.opcode !== undefined) assert.equal(typeof c.operation, "string");
      }
    }
    const srism = lines.find((m) => (m.components as { opcode?: number }[])[0]?.opcode === 45);
    assert.ok(srism, "the benign mix has SRI-SM");
    assert.equal((srism.components as { operation: string }[])[0]!.operation, "sendRoutingInfoForSM");
  });

  it("prints readable one-line summaries and the same messages as --tsv", () => {
    const plain = run("decode", file);
    const tsv = run("decode", file, "--tsv");
    assert.equal(plain.code, 0);
    assert.equal(tsv.code, 0);
    const p = plain.stdout.trim().split("\n");
    const t = tsv.stdout.trim().split("\n");
    assert.equal(t[0], "frame\topc\tdpc\tcalling\tcalled\ttcap\topcode\timsi\tmsisdn");
    assert.equal(p.length, 200);
    assert.equal(t.length, 201);
    assert.match(
      p[0]!,
      /^1 2026-01-01T00:00:00\.\d{9}Z \d+→\d+ UDT \d+ ssn \d+ → \d+ ssn \d+ \| (Begin|End|Continue) /,
    );
  });

  it("reports a cut-short capture, prints what came before the cut and exits 1", () => {
    const whole = readFileSync(file);
    const cut = join(dir, "cut.pcap");
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const r = run("decode", cut);
    assert.equal(r.code, 1);
    const printed = r.stdout.trim().split("\n").length;
    assert.ok(printed > 50 && printed < 200, `printed ${printed}`);
    assert.match(r.stderr, /frame \d+: pcap: /);
    assert.match(r.stderr, /capture cut short/);
  });

  it("reports a corrupt packet by frame number, counts it and carries on", () => {
    const bytes = Buffer.from(readFileSync(file));
    // Frame 5's M3UA header: pcap header 24 + records; find the 5th record and break its M3UA version.
    let at = 24;
    for (let i = 1; i < 5; i++) at += 16 + bytes.readUInt32LE(at + 8);
    const m3ua = at + 16 + 14 + 20 + 12 + 16; // Ethernet, IPv4, SCTP common header, DATA chunk header
    assert.equal(bytes[m3ua], 1, "M3UA version octet found");
    bytes[m3ua] = 9;
    const bad = join(dir, "corrupt.pcap");
    writeFileSync(bad, bytes);
    const r = run("decode", bad);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^frame 5: m3ua: .*version/m);
    assert.match(r.stderr, /200 packets, 199 SS7 messages, 1 undecodable/);
    assert.equal(r.stdout.trim().split("\n").length, 199);
  });

  it("says clearly when the file is not a capture or does not exist", () => {
    const text = join(dir, "notes.txt");
    writeFileSync(text, "this is not a capture file at all, just text\n".repeat(4));
    const r = run("decode", text);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /frame 1: pcap/);
    const missing = run("decode", join(dir, "missing.pcap"));
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /ENOENT|no such file/i);
    assert.doesNotMatch(missing.stderr, /at .*\.(ts|js):\d+/, "no stack trace");
  });

  it("ends quietly when the reader closes the pipe early", () => {
    const r = spawnSync("sh", ["-c", `node bin/ss7guard.js decode ${file} | head -1`], {
      cwd: root,
      encoding: "utf8",
    });
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim().split("\n").length, 1);
    assert.doesNotMatch(r.stderr, /EPIPE|Error/);
  });
});
