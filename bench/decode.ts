/**
 * `npm run bench:decode [-- --count N]`: decode speed against tshark, in one run, on the same generated
 * capture (benign lab traffic, default 1M messages, cached in bench/out/).
 *
 *  1. tshark -T fields with the fields ss7guard's fast path extracts (frame, point codes, both GTs,
 *     opcode, IMSI, MSISDN), output counted, vs `ss7guard decode --tsv` printing the same fields;
 *  2. the in-process fast path (opcode + GT + IMSI extraction, no output) on one core, and the full decode;
 *  3. BER: ss7guard's generic BER tree decoder vs the asn1js package on the same TCAP bytes, plus the
 *     full TCAP decoder and the zero-allocation TCAP scan.
 * Every figure is printed with its ratio to the reference measured in this same run.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as asn1js from "asn1js";
import { decodeCaptureFile, scanCaptureFile } from "../src/cli/decode.js";
import { generateCapture } from "../src/cli/lab.js";
import { decodeBerTree } from "../src/codec/ber/index.js";
import { decodeTcap, encodeTcap, scanTcap, TcapScan } from "../src/codec/tcap/index.js";
import { benignTraffic } from "../src/lab/traffic.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const countArg = args.indexOf("--count");
const COUNT = countArg >= 0 ? Number(args[countArg + 1]) : 1_000_000;
const outDir = join(root, "bench", "out");
mkdirSync(outDir, { recursive: true });
const capture = join(outDir, `benign-${COUNT}.pcap`);

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Runs a command, counts the lines it prints, returns seconds and lines. */
function timeCommand(cmd: string, argv: string[]): Promise<{ seconds: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd: root, stdio: ["ignore", "pipe", "ignore"] });
    let lines = 0;
    child.stdout.on("data", (b: Buffer) => {
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`${cmd} exited with ${code}`));
      else resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, lines });
    });
  });
}

async function main(): Promise<void> {
  // The CLI runs compiled JavaScript when dist/ is current (bin/ss7guard.js checks); build it so it is.
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "ignore" });
  if (!existsSync(capture)) {
    const t0 = Date.now();
    process.stderr.write(`generating ${capture} (${fmt(COUNT)} messages)…\n`);
    await generateCapture(capture, COUNT, 1);
    process.stderr.write(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const mb = statSync(capture).size / 1e6;
  console.log(`capture: ${capture} — ${fmt(COUNT)} messages, ${mb.toFixed(0)} MB`);
  console.log(`node ${process.version}, ${process.arch}; one core per decoder\n`);

  // 1. Same fields, same capture, both as separate processes writing their lines to a pipe.
  const fields = [
    "frame.number",
    "mtp3.opc",
    "mtp3.dpc",
    "sccp.calling.digits",
    "sccp.called.digits",
    "gsm_old.localValue",
    "e212.imsi",
    "e164.msisdn",
  ];
  const tsharkArgs = ["-r", capture, "-n", "-T", "fields", ...fields.flatMap((f) => ["-e", f])];
  process.stderr.write("tshark -T fields …\n");
  const tshark = await timeCommand("tshark", tsharkArgs);
  process.stderr.write("ss7guard decode --tsv …\n");
  const ours = await timeCommand(process.execPath, ["bin/ss7guard.js", "decode", capture, "--tsv"]);
  const tsharkRate = tshark.lines / tshark.seconds;
  const oursRate = (ours.lines - 1) / ours.seconds;
  console.log("1. same fields, whole process (start-up, read, decode, print):");
  console.log(
    `   tshark -T fields          ${fmt(tshark.lines)} lines in ${tshark.seconds.toFixed(2)} s = ${fmt(tsharkRate)} msg/s`,
  );
  console.log(
    `   ss7guard decode --tsv     ${fmt(ours.lines - 1)} lines in ${ours.seconds.toFixed(2)} s = ${fmt(oursRate)} msg/s`,
  );
  console.log(`   ratio ss7guard / tshark   ${(oursRate / tsharkRate).toFixed(1)}×   (target ≥ 20×)\n`);

  // 2. In process: the extraction itself, no printing. Best of three runs (the first includes JIT warm-up).
  let checksum = 0;
  let scanRate = 0;
  const scanRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    const t = process.hrtime.bigint();
    const scanned = await scanCaptureFile(
      capture,
      (s) => {
        checksum =
          (checksum + s.opcode + s.sccp.calling.digits.length + (s.identities.imsi?.length ?? 0)) | 0;
      },
      () => {},
    );
    const rate = scanned.messages / (Number(process.hrtime.bigint() - t) / 1e9);
    scanRuns.push(rate);
    scanRate = Math.max(scanRate, rate);
  }
  const t0 = process.hrtime.bigint();
  let full = 0;
  await decodeCaptureFile(
    capture,
    () => {
      full++;
    },
    () => {},
  );
  const fullSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log("2. in process, file read from disk, no output:");
  console.log(
    `   fast path: opcode + GTs + IMSI/MSISDN   ${fmt(scanRate)} msg/s best of ${scanRuns.map(fmt).join(", ")}   (target ≥ 1,000,000/s/core; checksum ${checksum})`,
  );
  console.log(`   full decode (every field of --json)     ${fmt(full / fullSeconds)} msg/s`);
  console.log(`   fast path / tshark                      ${(scanRate / tsharkRate).toFixed(1)}×\n`);

  // 3. BER: the same TCAP byte strings through asn1js and through ours.
  const N = Math.min(COUNT, 200_000);
  const tcaps: Uint8Array[] = [];
  for (const m of benignTraffic(N, { seed: 7 })) tcaps.push(new Uint8Array(encodeTcap(m.tcap)));
  const bytes = tcaps.reduce((n, b) => n + b.length, 0);
  const timeLoop = (f: (b: Uint8Array) => unknown): number => {
    for (let i = 0; i < Math.min(20_000, tcaps.length); i++) f(tcaps[i]!); // warm-up
    const s = process.hrtime.bigint();
    for (let i = 0; i < tcaps.length; i++) f(tcaps[i]!);
    return tcaps.length / (Number(process.hrtime.bigint() - s) / 1e9);
  };
  const asn1Rate = timeLoop((b) => {
    const r = asn1js.fromBER(b);
    if (r.offset === -1) throw new Error("asn1js failed");
  });
  const treeRate = timeLoop((b) => decodeBerTree(b));
  const tcapRate = timeLoop((b) => decodeTcap(b));
  const scan = new TcapScan();
  const scanTcapRate = timeLoop((b) => scanTcap(b, 0, b.length, scan));
  console.log(
    `3. BER on ${fmt(N)} TCAP messages (${(bytes / N).toFixed(0)} bytes average), decode to a full tree:`,
  );
  console.log(`   asn1js.fromBER            ${fmt(asn1Rate)} msg/s`);
  console.log(
    `   ss7guard decodeBerTree    ${fmt(treeRate)} msg/s   ratio ${(treeRate / asn1Rate).toFixed(1)}×   (target ≥ 5×)`,
  );
  console.log(
    `   ss7guard decodeTcap       ${fmt(tcapRate)} msg/s   ratio ${(tcapRate / asn1Rate).toFixed(1)}× (typed TCAP, not just BER)`,
  );
  console.log(
    `   ss7guard scanTcap         ${fmt(scanTcapRate)} msg/s   ratio ${(scanTcapRate / asn1Rate).toFixed(1)}× (zero-allocation scan)`,
  );
}

await main();
