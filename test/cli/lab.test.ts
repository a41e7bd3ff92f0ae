/**
 * `ss7guard lab generate` and `lab policy` as a user runs them (child process, real files): the capture holds
 * exactly --count background messages plus the scenario's, its truth lands next to it, the same seed gives
 * the same bytes, and bad options are refused with a clear message.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { decodeCaptureFile } from "../../src/cli/decode.js";
import type { Ss7Message } from "../../src/codec/stack/message.js";
import { labPolicyYaml } from "../../src/lab/policy.js";
import type { LabTruth } from "../../src/lab/truth.js";
import { assertNoStackTrace, bin, root, ss7guard } from "./run.js";

const dir = mkdtempSync(join(tmpdir(), "ss7guard-lab-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function decodeAll(
  file: string,
): Promise<{ messages: Ss7Message[]; problems: number; complete: boolean }> {
  const messages: Ss7Message[] = [];
  let problems = 0;
  const totals = await decodeCaptureFile(
    file,
    (m) => messages.push(m),
    () => problems++,
  );
  return { messages, problems, complete: totals.complete };
}

describe("ss7guard lab generate", { concurrency: 2 }, () => {
  it("writes a capture that decodes to exactly --count messages, for 1 and 1 000", async () => {
    const counts = [1, 1_000];
    const runs = await Promise.all(
      counts.map((n) => ss7guard("lab", "generate", "--out", join(dir, `n${n}.pcap`), "--count", String(n))),
    );
    for (const [i, n] of counts.entries()) {
      const file = join(dir, `n${n}.pcap`);
      assert.equal(runs[i]!.code, 0, runs[i]!.stderr);
      const truth = join(dir, `n${n}.truth.json`);
      assert.equal(
        runs[i]!.stderr,
        `${file}: ${n} packets (benign, seed 1, scale 1, 0 attacks); truth in ${truth}\n`,
      );
      assert.deepEqual(JSON.parse(readFileSync(truth, "utf8")), {
        scenario: "benign",
        seed: 1,
        scale: 1,
        messages: n,
        frames: n,
        home: "Example Mobile",
        attacks: [],
      });
      const { messages, problems, complete } = await decodeAll(file);
      assert.equal(messages.length, n);
      assert.equal(problems, 0);
      assert.equal(complete, true);
      // One message per frame, in capture order, every one a full MAP dialogue step.
      assert.deepEqual(
        messages.map((m) => m.frame),
        Array.from({ length: n }, (_, k) => k + 1),
      );
      assert.ok(messages.every((m) => m.tcap !== undefined && m.components.length > 0));
    }
  });

  it("writes byte-identical files for the same seed and different ones for another seed", async () => {
    const out = (name: string) => join(dir, name);
    const [a, b, c] = await Promise.all([
      ss7guard("lab", "generate", "--out", out("a.pcap"), "--count", "300", "--seed", "42"),
      ss7guard("lab", "generate", "--out", out("b.pcap"), "--count", "300", "--seed", "42"),
      ss7guard("lab", "generate", "--out", out("c.pcap"), "--count", "300", "--seed", "43"),
    ]);
    for (const r of [a, b, c]) assert.equal(r.code, 0, r.stderr);
    assert.ok(readFileSync(out("a.pcap")).equals(readFileSync(out("b.pcap"))), "same seed, same bytes");
    assert.ok(!readFileSync(out("a.pcap")).equals(readFileSync(out("c.pcap"))), "another seed, other bytes");
    assert.equal((await decodeAll(out("c.pcap"))).messages.length, 300);
  });

  it("refuses a bad --count, --seed, --scale or --scenario with a clear message, exit 1 and no file written", async () => {
    const cases: [string[], string][] = [
      [["--count", "0"], "ss7guard: --count must be a positive integer, got 0"],
      // A 32-bit generator: 2^32 would quietly give seed 0's capture.
      [["--seed", "4294967296"], "ss7guard: --seed must be an integer from 0 to 4294967295, got 4294967296"],
      [["--scale", "1.5"], "ss7guard: --scale must be an integer from 1 to 1000, got 1.5"],
      [
        ["--scenario", "nope"],
        'ss7guard: unknown scenario "nope"; known: benign, location-campaign, coordinated-burst, ' +
          "sms-interception, cat1-probe, cat2-spoof",
      ],
    ];
    const results = await Promise.all(
      cases.map(([args], i) => ss7guard("lab", "generate", "--out", join(dir, `bad${i}.pcap`), ...args)),
    );
    results.forEach((r, i) => {
      assert.equal(r.code, 1, cases[i]![1]);
      assert.equal(r.stderr, `${cases[i]![1]}\n`);
      assert.equal(r.stdout, "");
      assert.equal(existsSync(join(dir, `bad${i}.pcap`)), false, "nothing written");
      assert.equal(existsSync(join(dir, `bad${i}.truth.json`)), false, "no truth either");
    });
  });

  it("says clearly when --out cannot be written, without a stack trace", async () => {
    const missingDir = join(dir, "no-such-dir", "x.pcap");
    const r = await ss7guard("lab", "generate", "--out", missingDir, "--count", "5");
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `ss7guard: ENOENT: no such file or directory, open '${missingDir}'\n`);
    assertNoStackTrace(r.stderr);
  });

  it("writes an attack scenario with its truth next to the capture, the background scaled by --scale", async () => {
    // Without a .pcap/.pcapng extension the truth's name is the capture's plus .truth.json.
    const file = join(dir, "spoof-capture");
    const r = await ss7guard("lab", "generate", "--scenario", "cat2-spoof", "--scale", "2", "--out", file);
    assert.equal(r.code, 0, r.stderr);
    const truth = JSON.parse(readFileSync(`${file}.truth.json`, "utf8")) as LabTruth;
    assert.equal(
      r.stderr,
      `${file}: ${truth.frames} packets (cat2-spoof, seed 1, scale 2, 2 attacks); truth in ${file}.truth.json\n`,
    );
    assert.equal(truth.scale, 2);
    assert.equal(truth.attacks.length, 2);
    assert.equal((await decodeAll(file)).messages.length, truth.messages);
    // 4,000 background messages, two attacks of three messages, and each victim's own attach dialogue (6).
    assert.equal(truth.messages, 4_000 + 2 * 3 + 2 * 6);
  });
});

describe("ss7guard lab policy", () => {
  it("prints the lab world's firewall policy, or writes it with --out", async () => {
    const file = join(dir, "policy.yaml");
    const [printed, written] = await Promise.all([
      ss7guard("lab", "policy"),
      ss7guard("lab", "policy", "--out", file),
    ]);
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(printed.stdout, labPolicyYaml());
    assert.equal(printed.stderr, "");
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stdout, "");
    assert.equal(readFileSync(file, "utf8"), labPolicyYaml());
  });
});

describe("ss7guard lab run / lab up (live lab on loopback)", { concurrency: true }, () => {
  it("runs sms-interception through the firewall: the forgery blocked, the OTP delivered to the victim", async () => {
    const r = await ss7guard("lab", "run", "sms-interception", "--seed", "1");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Scenario sms-interception \(seed 1\), live through the firewall \(lab policy\)/);
    assert.match(r.stdout, /forged updateLocation .* tcap-abort lease-purpose +blocked$/m);
    assert.match(
      r.stdout,
      /variant, .* updateLocation .* error roamingNotAllowed \(8\) +map-error sms-interception +blocked$/m,
    );
    assert.match(
      r.stdout,
      /^Attacks: 4 — 2 blocked by the firewall, 2 got through \(2 before the firewall recognised the attack\), 0 refused by the network$/m,
    );
    assert.match(r.stdout, /^Benign: +12 — 12 completed, 0 failed$/m);
    assert.match(r.stdout, /The one-time password reached the victim's own MSC/);
  });

  it("runs sms-interception without the firewall: the OTP reaches the attacker", async () => {
    const r = await ss7guard("lab", "run", "sms-interception", "--no-firewall");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /live WITHOUT the firewall/);
    assert.match(r.stdout, /one-time password to the victim .* INTERCEPTED$/m);
    assert.match(
      r.stdout,
      /^Attacks: 4 — 0 blocked by the firewall, 4 got through, 0 refused by the network$/m,
    );
    assert.match(
      r.stdout,
      /The one-time password reached the attacker \(Nimbus Route Ltd, GT \d+\): "Bank code \d{6}\. Do not share it"\./,
    );
  });

  it("prints the report as JSON with --json", async () => {
    const r = await ss7guard("lab", "run", "cat2-spoof", "--json", "--seed", "2");
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      scenario: string;
      firewall: boolean;
      totals: Record<string, number>;
    };
    assert.equal(report.scenario, "cat2-spoof");
    assert.equal(report.firewall, true);
    assert.equal(report.totals["attacksBlocked"], report.totals["attacks"]);
  });

  it("refuses an unknown scenario, a bad seed and a management port without a firewall", async () => {
    const [a, b, c] = await Promise.all([
      ss7guard("lab", "run", "teleport"),
      ss7guard("lab", "run", "cat1-probe", "--seed", "-3"),
      ss7guard("lab", "up", "--no-firewall", "--management-port", "0"),
    ]);
    assert.equal(a.code, 1);
    assert.match(a.stderr, /^ss7guard: unknown scenario "teleport"; known: benign, location-campaign,/);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /--seed must be an integer from 0 to 4294967295, got -3/);
    assert.equal(c.code, 1);
    assert.match(c.stderr, /--management-port is the firewall's/);
    for (const r of [a, b, c]) assertNoStackTrace(r.stderr);
  });

  it("lab up: prints the ports and the token, serves the management API, stops cleanly on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [bin, "lab", "up", "--management-port", "0", "--subscribers", "500"],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stderr.on("data", (b: Buffer) => {
      err += b.toString("utf8");
    });
    const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`lab up did not come up:\n${out}\n${err}`)), 15_000);
        child.stdout.on("data", (b: Buffer) => {
          out += b.toString("utf8");
          if (out.includes("Press Ctrl-C to stop.")) {
            clearTimeout(t);
            resolve();
          }
        });
      });
      assert.match(out, /^ {2}interconnect {2}127\.0\.0\.1:\d+ {2}the firewall's SGP/m);
      assert.match(out, /^ {2}core {10}127\.0\.0\.1:\d+ {2}home core SGP, routing context 200/m);
      assert.match(out, /HLR 12025550100 \(PC 100\) with 500 subscribers/);
      assert.match(out, /^Foreign networks: 17 ASPs active \(15 roaming partners, 2 GT lessees\)$/m);
      assert.match(out, /^ {2}Nimbus Route Ltd +lessee +PC 204 +RC 116 +45 GTs/m);
      const [, port, token] = /management {4}http:\/\/127\.0\.0\.1:(\d+) {2}bearer token ([0-9a-f]{32})/.exec(
        out,
      )!;
      const status = (await (
        await fetch(`http://127.0.0.1:${port}/status`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { associations: { side: string; up: boolean }[] };
      assert.equal(status.associations.filter((a) => a.side === "interconnect" && a.up).length, 17);
      assert.equal(status.associations.filter((a) => a.side === "core" && a.up).length, 1);
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0, err);
    assert.match(err, /SIGTERM: stopping the lab/);
    assertNoStackTrace(err);
  });
});
