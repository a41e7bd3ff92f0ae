/** `node --import tsx bench/scan-only.ts [FILE]`: the in-process fast path alone, best of five (for profiling and quick checks). */
import { scanCaptureFile } from "../src/cli/decode.js";

const file = process.argv[2] ?? "bench/out/benign-1000000.pcap";
const rates: number[] = [];
let checksum = 0;
for (let run = 0; run < 5; run++) {
  const t0 = process.hrtime.bigint();
  const t = await scanCaptureFile(
    file,
    (s) => {
      checksum = (checksum + s.opcode + s.sccp.calling.digits.length + (s.identities.imsi?.length ?? 0)) | 0;
    },
    () => {},
  );
  rates.push(t.messages / (Number(process.hrtime.bigint() - t0) / 1e9));
}
console.log(
  `fast path: best ${Math.round(Math.max(...rates)).toLocaleString("en-US")} msg/s; runs ${rates.map((r) => Math.round(r).toLocaleString("en-US")).join(", ")} (checksum ${checksum})`,
);
