/**
 * `ss7guard audit …`: keys, verification, signed exports and reconciliation of the audit trail.
 *
 * Exit codes: 0 when everything holds; 1 when the log or export does not verify, or (reconcile) when the
 * capture holds dialogues from our GTs the log does not account for (with --strict also logged dialogues
 * the capture lacks); 2 when reconcile cannot judge (the export does not verify, the capture is unreadable).
 * Usage errors and unreadable files exit 1 with one line on stderr, as every ss7guard command does.
 */

import type { KeyObject } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { buildAuditDemo } from "../audit/demo.js";
import { type AuditExport, exportRange, verifyExport } from "../audit/export.js";
import {
  AuditKeyring,
  keyFingerprint,
  loadIdentityKey,
  loadPrivateKey,
  loadPublicKey,
  writeKeyFiles,
} from "../audit/keys.js";
import { AuditLog } from "../audit/log.js";
import {
  type CapturedDialogue,
  DEFAULT_TOLERANCE_MS,
  type ReconcileReport,
  reconcile,
} from "../audit/reconcile.js";
import type { AuditStore } from "../audit/store.js";
import { describeBadRecord, type VerifyResult, verifyAuditStore } from "../audit/verify.js";
import type { DecodeError } from "../codec/errors.js";
import { mapOperationByCode } from "../codec/map/operations.js";
import { Ss7Scanner } from "../codec/stack/scan.js";
import { ComponentType, TcapMessageType } from "../codec/tcap/index.js";
import { PostgresAuditStore } from "../store/postgres-audit.js";
import { SqliteAuditStore } from "../store/sqlite-audit.js";
import { readCapturePayloads } from "./capture-input.js";

interface StoreOptions {
  db?: string;
  pg?: string;
  schema?: string;
  table?: string;
}

/** The store named by --db (SQLite file) or --pg (PostgreSQL URL). */
async function openStore(opts: StoreOptions, readonly: boolean): Promise<AuditStore> {
  if ((opts.db === undefined) === (opts.pg === undefined))
    throw new Error("give one of --db FILE and --pg URL");
  if (opts.db !== undefined)
    return new SqliteAuditStore(opts.db, {
      readonly,
      mustExist: true,
      ...(opts.table ? { table: opts.table } : {}),
    });
  return PostgresAuditStore.open({
    connection: opts.pg!,
    readonly,
    ...(opts.schema ? { schema: opts.schema } : {}),
    ...(opts.table ? { table: opts.table } : {}),
  });
}

function storeOptions(cmd: Command): Command {
  return cmd
    .option("--db <file>", "the audit log's SQLite database")
    .option("--pg <url>", "or its PostgreSQL database (postgres://user@host:port/db)")
    .option("--schema <name>", "PostgreSQL schema (default public)")
    .option("--table <name>", "table name (default audit_log)");
}

async function publicKeys(paths: readonly string[]): Promise<KeyObject[]> {
  return Promise.all(paths.map((p) => loadPublicKey(p)));
}

export function formatVerify(where: string, r: VerifyResult): string {
  if (!r.ok) {
    return `${where}: FAILED at ${describeBadRecord(r.firstBad!)}\n  (${r.records} records before it verified)\n`;
  }
  const sealed = r.lastSeal
    ? `last seal at record ${r.lastSeal.seq} (${r.lastSeal.time}, key ${r.lastSeal.key.slice(0, 16)}…)`
    : "no seal yet";
  const tail = r.unsealed > 0 ? `; unsealed tail: ${r.unsealed} record${r.unsealed === 1 ? "" : "s"}` : "";
  return (
    `${where}: OK: ${r.records} records, ${r.seals} seals, chain intact; ${sealed}${tail}\n` +
    `  head: record ${r.head.seq} ${r.head.hash}\n`
  );
}

function gtPrefix(value: string, previous: string[] = []): string[] {
  if (!/^\d{1,15}$/.test(value))
    throw new Error(`a GT prefix is 1 to 15 digits, got ${JSON.stringify(value)}`);
  return [...previous, value];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export interface CaptureDialogues {
  dialogues: CapturedDialogue[];
  messages: number;
  firstMs?: number;
  lastMs?: number;
  problems: number;
  complete: boolean;
}

/**
 * Every TCAP Begin in a pcap/pcapng capture whose calling GT starts with one of `ourGts`, with the capture's
 * time span (of all its SS7 messages). Undecodable packets are counted, never fatal.
 */
export async function readCaptureDialogues(
  file: string,
  ourGts: readonly string[],
): Promise<CaptureDialogues> {
  const out: CaptureDialogues = { dialogues: [], messages: 0, problems: 0, complete: true };
  const scanner = new Ss7Scanner(
    (s) => {
      out.messages++;
      const ms = s.seconds * 1000 + s.nanoseconds / 1e6;
      if (out.firstMs === undefined || ms < out.firstMs) out.firstMs = ms;
      if (out.lastMs === undefined || ms > out.lastMs) out.lastMs = ms;
      const t = s.tcap;
      if (!s.tcapValid || t.messageType !== TcapMessageType.begin) return;
      const gt = s.sccp.calling.digits;
      if (!ourGts.some((p) => gt.startsWith(p))) return;
      const opcode = t.componentType === ComponentType.invoke ? s.opcode : -1;
      const d: CapturedDialogue = {
        frame: s.frame,
        timeMs: ms,
        gt,
        peer: s.sccp.called.digits,
        opcode,
        operation: mapOperationByCode(opcode)?.name ?? (opcode < 0 ? "(no invoke)" : `opcode ${opcode}`),
        otid: t.otidHex() ?? "",
      };
      if (s.identities.imsi !== undefined) d.imsi = s.identities.imsi;
      if (s.identities.msisdn !== undefined) d.msisdn = s.identities.msisdn;
      out.dialogues.push(d);
    },
    (_frame: number, _e: DecodeError) => {
      out.problems++;
    },
  );
  const read = await readCapturePayloads(
    file,
    (p) => scanner.payload(p),
    () => {
      out.problems++;
    },
  );
  out.complete = read.complete;
  return out;
}

export interface ReconcileCaptureOptions {
  ourGts: readonly string[];
  identityKey?: Uint8Array;
  toleranceMs?: number;
  peers?: readonly string[];
}

/** Reads `captureFile` and reconciles it with `extract` (which the caller has verified). */
export async function reconcileCapture(
  extract: AuditExport,
  captureFile: string,
  options: ReconcileCaptureOptions,
): Promise<{ report: ReconcileReport; capture: CaptureDialogues }> {
  const capture = await readCaptureDialogues(captureFile, options.ourGts);
  const report = reconcile(extract, capture.dialogues, {
    ...options,
    ...(capture.firstMs !== undefined && capture.lastMs !== undefined
      ? { captureSpan: { firstMs: capture.firstMs, lastMs: capture.lastMs } }
      : {}),
  });
  return { report, capture };
}

export function formatReconcile(file: string, report: ReconcileReport, capture: CaptureDialogues): string {
  const lines: string[] = [];
  lines.push(
    `${file}: ${capture.messages} SS7 messages, ${report.captured} dialogues opened by our GTs ` +
      `(${report.inRange} in the export's range ${report.from} – ${report.to})`,
  );
  lines.push(`logged dialogues: ${report.logged}; matched: ${report.matched}`);
  if (report.unaccounted.length === 0)
    lines.push("unaccounted: none: every dialogue from our GTs is in the signed log");
  else {
    lines.push(
      `UNACCOUNTED: ${report.unaccounted.length} dialogues from our GTs that the signed log does not account for:`,
    );
    for (const u of report.unaccounted) {
      const who = [u.imsi ? `imsi ${u.imsi}` : "", u.msisdn ? `msisdn ${u.msisdn}` : ""]
        .filter(Boolean)
        .join(" ");
      lines.push(
        `  frame ${u.frame}  ${u.time}  ${u.gt} -> ${u.peer}  ${u.operation}  otid ${u.otid}` +
          `${who ? `  ${who}` : ""}  (${u.reason}${u.seq !== undefined ? `, record ${u.seq}` : ""})`,
      );
    }
  }
  if (report.missing.length === 0)
    lines.push("missing: none: every logged dialogue in the capture's span is in it");
  else {
    lines.push(`missing: ${report.missing.length} logged dialogues the capture lacks:`);
    for (const m of report.missing)
      lines.push(`  record ${m.seq}  ${m.start}  ${m.gt} -> ${m.peer}  ${m.operation}  otid ${m.otid}`);
  }
  if (report.outsideRange > 0)
    lines.push(`not judged: ${report.outsideRange} dialogues outside the export's range`);
  if (capture.problems > 0 || !capture.complete)
    lines.push(`capture: ${capture.problems} undecodable parts${capture.complete ? "" : ", cut short"}`);
  return `${lines.join("\n")}\n`;
}

export function registerAuditCommand(program: Command): void {
  const audit = program
    .command("audit")
    .description(
      "the tamper-evident, signed audit trail: keys, verify, signed exports, reconciliation with a capture",
    );

  audit
    .command("keygen")
    .description(
      "write a new Ed25519 signing pair and identity key: audit-signing.pem, audit-public.pem, identity.key",
    )
    .requiredOption("--out <dir>", "directory to write the key files to")
    .option("--force", "replace existing key files")
    .action(async (opts: { out: string; force?: boolean }) => {
      const files = await writeKeyFiles(opts.out, { force: opts.force ?? false });
      process.stdout.write(
        `signing key:  ${files.signing} (keep it secret)\n` +
          `public key:   ${files.public} (give it to operators)\n` +
          `identity key: ${files.identity} (hashes IMSIs/MSISDNs in records)\n` +
          `fingerprint:  ${files.fingerprint}\n`,
      );
    });

  storeOptions(
    audit
      .command("verify")
      .description(
        "recompute every hash, link and seal signature of the log; exit 1 naming the first bad record",
      ),
  )
    .requiredOption("--public-key <pem...>", "the public key(s) seals are checked with")
    .option("--json", "print the result as JSON")
    .action(async (opts: StoreOptions & { publicKey: string[]; json?: boolean }) => {
      const keys = await publicKeys(opts.publicKey);
      const store = await openStore(opts, true);
      let result: VerifyResult;
      try {
        result = await verifyAuditStore(store, new AuditKeyring(keys));
      } finally {
        await store.close();
      }
      const where = opts.db ?? "audit log";
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerify(where, result));
      process.exitCode = result.ok ? 0 : 1;
    });

  storeOptions(
    audit
      .command("export")
      .description(
        "write a signed extract of the records in [--from, --to), sealing the log first if it must",
      ),
  )
    .requiredOption("--from <time>", "range start, ISO 8601 (inclusive)")
    .requiredOption("--to <time>", "range end, ISO 8601 (exclusive)")
    .requiredOption("--private-key <pem>", "the log's signing key")
    .requiredOption("--out <file>", "the export file to write (JSON)")
    .option("--peer <prefix>", "show only dialogues toward this GT prefix in full (repeatable)", collect)
    .action(
      async (
        opts: StoreOptions & { from: string; to: string; privateKey: string; out: string; peer?: string[] },
      ) => {
        const signingKey = await loadPrivateKey(opts.privateKey);
        const store = await openStore(opts, false);
        try {
          const extract = await exportRange(store, {
            from: opts.from,
            to: opts.to,
            signingKey,
            ...(opts.peer ? { peers: opts.peer } : {}),
            seal: async () => {
              const log = await AuditLog.open({ store, signingKey, sealIntervalMs: 0 });
              await log.close();
            },
          });
          await writeFile(opts.out, `${JSON.stringify(extract, null, 1)}\n`);
          const shown = extract.first === null ? 0 : extract.last! - extract.first + 1;
          process.stderr.write(
            `${opts.out}: records ${extract.first ?? "-"}–${extract.last ?? "-"} (${shown} in range, ` +
              `${extract.records.length} with the chain to the covering seal), signed by ${extract.key.slice(0, 16)}…\n`,
          );
        } finally {
          await store.close();
        }
      },
    );

  audit
    .command("verify-export")
    .description("check a signed export against the public key: signature, chain, seals, range")
    .argument("<export>", "the export (JSON)")
    .requiredOption("--public-key <pem...>", "the aggregator's public key(s)")
    .action(async (file: string, opts: { publicKey: string[] }) => {
      const extract = await readExport(file);
      const v = verifyExport(extract, await publicKeys(opts.publicKey));
      if (v.ok)
        process.stdout.write(
          `${file}: OK: ${v.records} records in range, ${v.redacted} redacted, ${v.seals} seals\n`,
        );
      else process.stdout.write(`${file}: FAILED: ${v.error ?? describeBadRecord(v.firstBad!)}\n`);
      process.exitCode = v.ok ? 0 : 1;
    });

  audit
    .command("reconcile")
    .description(
      "list every MAP dialogue from our GTs in an operator's capture that the signed export does not " +
        "account for, and every logged dialogue the capture lacks",
    )
    .argument("<export>", "the signed export (JSON)")
    .argument("<capture>", "the operator's capture (pcap or pcapng)")
    .requiredOption("--public-key <pem...>", "the aggregator's public key(s)")
    .requiredOption("--gt <prefix>", "a GT prefix of the aggregator's (repeatable)", gtPrefix)
    .option("--identity-key <file>", "the deployment's identity key: compare the subscriber too")
    .option(
      "--peer <prefix>",
      "count logged dialogues as missing only toward this GT prefix (repeatable)",
      collect,
    )
    .option("--tolerance <ms>", "largest gap between logged and captured start", String(DEFAULT_TOLERANCE_MS))
    .option("--strict", "exit 1 also when logged dialogues are missing from the capture")
    .option("--json", "print the report as JSON")
    .action(
      async (
        exportFile: string,
        captureFile: string,
        opts: {
          publicKey: string[];
          gt: string[];
          identityKey?: string;
          peer?: string[];
          tolerance: string;
          strict?: boolean;
          json?: boolean;
        },
      ) => {
        const tolerance = Number(opts.tolerance);
        if (!Number.isFinite(tolerance) || tolerance < 0)
          throw new Error(`--tolerance must be ms ≥ 0, got ${opts.tolerance}`);
        const extract = await readExport(exportFile);
        const keys = await publicKeys(opts.publicKey);
        const v = verifyExport(extract, keys);
        if (!v.ok) {
          process.stderr.write(
            `${exportFile}: the export does not verify: ${v.error ?? describeBadRecord(v.firstBad!)}; nothing reconciled\n`,
          );
          process.exitCode = 2;
          return;
        }
        const identityKey = opts.identityKey ? await loadIdentityKey(opts.identityKey) : undefined;
        const { report, capture } = await reconcileCapture(extract as AuditExport, captureFile, {
          ourGts: opts.gt,
          toleranceMs: tolerance,
          ...(identityKey ? { identityKey } : {}),
          ...(opts.peer ? { peers: opts.peer } : {}),
        });
        if (capture.messages === 0 && !capture.complete) {
          process.stderr.write(`${captureFile}: not a readable capture; nothing reconciled\n`);
          process.exitCode = 2;
          return;
        }
        const header = `${exportFile}: signed export verified (key ${keyFingerprint(keys[0]!).slice(0, 16)}…, ${v.records} records, ${v.seals} seals)\n`;
        process.stdout.write(
          opts.json
            ? `${JSON.stringify({ export: v, ...report, capture: { file: captureFile, messages: capture.messages, problems: capture.problems, complete: capture.complete } }, null, 2)}\n`
            : header + formatReconcile(captureFile, report, capture),
        );
        const bad = report.unaccounted.length > 0 || (opts.strict === true && report.missing.length > 0);
        process.exitCode = bad ? 1 : 0;
      },
    );

  audit
    .command("demo")
    .description(
      "lab demonstration: keys, a sealed log of an aggregator's SMS deliveries, the home operator's capture " +
        "with unlogged location queries from the aggregator's GTs mixed in, and a signed export",
    )
    .requiredOption("--out <dir>", "directory to write into")
    .option("--seed <n>", "random seed", "1")
    .action(async (opts: { out: string; seed: string }) => {
      const seed = Number(opts.seed);
      if (!Number.isSafeInteger(seed) || seed < 0)
        throw new Error(`--seed must be an integer ≥ 0, got ${opts.seed}`);
      const d = await buildAuditDemo({ dir: opts.out, seed });
      process.stdout.write(
        `${d.db}: ${d.records} records (${d.loggedDialogues} dialogues), sealed\n` +
          `${d.capture}: ${d.frames} frames, ${d.unlogged.length} of them unlogged location queries from ${d.ourPrefix}…\n` +
          `${d.export}: signed export ${d.from} – ${d.to}\n` +
          "try:\n" +
          `  ss7guard audit verify --db ${d.db} --public-key ${d.keys.public}\n` +
          `  ss7guard audit reconcile ${d.export} ${d.capture} --public-key ${d.keys.public} --gt ${d.ourPrefix} --identity-key ${d.keys.identity}\n`,
      );
    });
}

async function readExport(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${file} is not JSON`);
  }
}
