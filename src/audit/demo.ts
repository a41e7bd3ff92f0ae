/**
 * A lab demonstration of the audit trail (`ss7guard audit demo --out DIR`, and the reconciliation tests):
 * an aggregator holding the lab lessee Kestrel Signalling's GB range (`44778508…`, three GTs) delivers
 * SMS to the simulated home network and logs every submission and every dialogue it opens; behind its
 * back, location queries (anyTimeInterrogation, provideSubscriberInfo, sendRoutingInfoForSM) leave the
 * same GTs and are never logged. The home operator's capture of its interconnect holds both, mixed into
 * the lab's benign background traffic, which is exactly what `audit reconcile` must tell apart.
 *
 * Writes into DIR: `keys/` (keygen's three files), `audit.sqlite` (the sealed log), `capture.pcap`,
 * `export.json` (signed extract of the capture's time range), `unlogged.json` (ground truth: the frames of
 * the unlogged queries, and any phantom records). All of it is deterministic for a seed except the keys.
 */
import { createHash } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { anyTimeInterrogation } from "../codec/map/operations/anyTimeInterrogation.js";
import { provideSubscriberInfo } from "../codec/map/operations/provideSubscriberInfo.js";
import { sendRoutingInfoForSM } from "../codec/map/operations/sendRoutingInfoForSM.js";
import { mapOperationByCode } from "../codec/map/operations.js";
import { LabCaptureWriter } from "../lab/capture.js";
import { HOME, KESTREL, type LabNode, Ssn, withSsn } from "../lab/network.js";
import {
  aarq,
  benignTraffic,
  hexTid,
  homeSubscriber,
  invoke,
  isdn,
  LabApplicationContext,
  type LabMessage,
  LabRandom,
  MEAN_MESSAGES_PER_DIALOGUE,
  msg,
  param,
  smsDelivery,
} from "../lab/traffic.js";
import { SqliteAuditStore } from "../store/sqlite-audit.js";
import type { JsonObject } from "./canonical.js";
import { exportRange } from "./export.js";
import { type KeyFiles, loadIdentityKey, loadPrivateKey, writeKeyFiles } from "./keys.js";
import { AuditLog } from "./log.js";
import { type AuditKind, dialogueBody, formatAuditTime, hashedIdentity } from "./record.js";

export interface AuditDemoOptions {
  dir: string;
  /** Default 1. */
  seed?: number;
  /** Background messages of the lab's other traffic. Default 2000. */
  background?: number;
  /** SMS deliveries the aggregator makes and logs. Default 24. */
  deliveries?: number;
  /** Location queries from the aggregator's GTs that it does not log. Default 6. */
  unlogged?: number;
  /** Dialogue records with nothing on the wire (the capture lacks them). Default 0. */
  phantoms?: number;
  /** Seal every this many records. Default 25. */
  sealEvery?: number;
  /** Capture start, ms since the epoch. Default 2026-01-01T00:00:00Z. */
  startMs?: number;
}

export interface UnloggedQuery {
  frame: number;
  time: string;
  operation: string;
  gt: string;
  otid: string;
}

export interface AuditDemo {
  dir: string;
  keys: KeyFiles;
  db: string;
  capture: string;
  export: string;
  /** The aggregator's GT prefix (`--gt`), and the home network's (`--peer`). */
  ourPrefix: string;
  homePrefix: string;
  from: string;
  to: string;
  /** Dialogue records in the log, and all records. */
  loggedDialogues: number;
  records: number;
  unlogged: UnloggedQuery[];
  phantoms: { seq: number; operation: string; otid: string }[];
  frames: number;
}

/** Seconds of traffic the demo capture spans. */
const SPAN_S = 120;

interface LogEvent {
  ms: number;
  kind: AuditKind;
  body: JsonObject;
  phantom?: { operation: string; otid: string };
}

export async function buildAuditDemo(options: AuditDemoOptions): Promise<AuditDemo> {
  const dir = options.dir;
  const seed = options.seed ?? 1;
  const background = options.background ?? 2000;
  const deliveries = options.deliveries ?? 24;
  const unloggedCount = options.unlogged ?? 6;
  const phantomCount = options.phantoms ?? 0;
  const startMs = options.startMs ?? Date.UTC(2026, 0, 1);
  const startNs = startMs * 1e6;
  const spanNs = SPAN_S * 1e9;
  await mkdir(dir, { recursive: true });
  const keys = await writeKeyFiles(join(dir, "keys"), { force: true });
  const signingKey = await loadPrivateKey(keys.signing);
  const identityKey = await loadIdentityKey(keys.identity);

  const lease = KESTREL.leases.find((l) => l.host.country === "GB")!;
  const ours = lease.gts;
  const rnd = new LabRandom(seed ^ 0x0a0d17);
  let tid = 0x20000000 + rnd.int(0x0fffffff);
  const nextTid = (): number => (tid = (tid + 1) >>> 0);

  const events: LogEvent[] = [
    {
      ms: startMs - 5000,
      kind: "config-change",
      body: {
        actor: "demo",
        change: `gateway routes A2P traffic over ${lease.prefix}…`,
        after: createHash("sha256").update(`demo config ${seed}`).digest("hex"),
      },
    },
    { ms: startMs - 4000, kind: "event", body: { type: "gateway-start", gts: ours.map((g) => g.gt) } },
  ];

  // The aggregator's deliveries, each logged: the submission, then each dialogue once it has ended.
  const delivered: LabMessage[] = [];
  for (let i = 0; i < deliveries; i++) {
    const t = startNs + Math.floor(((i + 0.5) * spanNs) / deliveries) + rnd.int(1e9);
    const gt = rnd.pick(ours);
    const target = homeSubscriber(4000 + i * 13 + rnd.int(13));
    const messages = smsDelivery(rnd, t, gt, target, nextTid, "a2p");
    delivered.push(...messages);
    const id = `demo-${seed}-${i + 1}`;
    events.push({
      ms: t / 1e6 - 40,
      kind: "submission",
      body: {
        id,
        account: "acme-otp",
        destination: hashedIdentity(identityKey, "msisdn", target.msisdn),
        source: "ACME",
        segments: 1,
        status: "accepted",
      },
    });
    for (const m of messages) {
      if (m.tcap.type !== "begin" || m.from.gt !== gt.gt) continue;
      const c = m.tcap.components?.[0];
      if (c?.type !== "invoke" || c.opcode.type !== "local") continue;
      const opcode = c.opcode.value;
      const end = messages.find(
        (x) => x.tcap.type === "end" && x.tcap.dtid === (m.tcap as { otid: string }).otid,
      );
      events.push({
        ms: (end ?? m).timeNs / 1e6,
        kind: "dialogue",
        body: dialogueBody(identityKey, {
          operation: mapOperationByCode(opcode)?.name ?? `opcode ${opcode}`,
          opcode,
          ...(opcode === 45 ? { msisdn: target.msisdn } : { imsi: target.imsi }),
          gt: m.from.gt,
          peer: m.to.gt,
          otid: m.tcap.otid,
          start: m.timeNs / 1e6,
          result: "ok",
          submission: id,
        }),
      });
    }
  }

  // Records of dialogues that never reached the wire (the capture lacks them).
  for (let i = 0; i < phantomCount; i++) {
    const ms = startMs + Math.floor(((i + 0.3) * SPAN_S * 1000) / Math.max(1, phantomCount));
    const target = homeSubscriber(9000 + i);
    const otid = hexTid(nextTid());
    events.push({
      ms: ms + 20,
      kind: "dialogue",
      body: dialogueBody(identityKey, {
        operation: "sendRoutingInfoForSM",
        opcode: 45,
        msisdn: target.msisdn,
        gt: ours[i % ours.length]!.gt,
        peer: HOME.hlr.gt,
        otid,
        start: ms,
        result: "ok",
      }),
      phantom: { operation: "sendRoutingInfoForSM", otid },
    });
  }

  // Behind the log's back: location queries from the same GTs.
  const unloggedMessages = new Set<LabMessage>();
  for (let i = 0; i < unloggedCount; i++) {
    const t = startNs + Math.floor(((i + 0.7) * spanNs) / Math.max(1, unloggedCount)) + rnd.int(1e9);
    const m = locationQuery(i % 3, t, rnd.pick(ours), homeSubscriber(7000 + i * 31), nextTid);
    unloggedMessages.add(m);
  }

  // The operator's capture: its background traffic (less any from our range, which is all accounted for
  // above), our deliveries and the unlogged queries, by time.
  const messages: LabMessage[] = [];
  for (const m of benignTraffic(background, {
    seed,
    startNs,
    dialoguesPerSecond: background / MEAN_MESSAGES_PER_DIALOGUE / SPAN_S,
  })) {
    if (!m.from.gt.startsWith(lease.prefix) && !m.to.gt.startsWith(lease.prefix)) messages.push(m);
  }
  messages.push(...delivered, ...unloggedMessages);
  messages.sort((a, b) => a.timeNs - b.timeNs);
  const writer = new LabCaptureWriter();
  const unlogged: UnloggedQuery[] = [];
  messages.forEach((m, i) => {
    writer.add(m);
    if (!unloggedMessages.has(m)) return;
    const c = m.tcap.type === "begin" ? m.tcap.components?.[0] : undefined;
    const opcode = c?.type === "invoke" && c.opcode.type === "local" ? c.opcode.value : -1;
    unlogged.push({
      frame: i + 1,
      time: formatAuditTime(Math.floor(m.timeNs / 1e6)),
      operation: mapOperationByCode(opcode)?.name ?? `opcode ${opcode}`,
      gt: m.from.gt,
      otid: (m.tcap as { otid: string }).otid,
    });
  });
  const capture = join(dir, "capture.pcap");
  await writeFile(capture, Buffer.concat(writer.takeChunks()));

  // The log, written as the gateway would have: in time order, sealed as it goes and at the end.
  const db = join(dir, "audit.sqlite");
  for (const suffix of ["", "-wal", "-shm"]) await rm(db + suffix, { force: true });
  events.sort((a, b) => a.ms - b.ms);
  const store = new SqliteAuditStore(db);
  const phantoms: AuditDemo["phantoms"] = [];
  let clock = startMs;
  const from = formatAuditTime(startMs - 60_000);
  const to = formatAuditTime(startMs + (SPAN_S + 60) * 1000);
  try {
    const log = await AuditLog.open({
      store,
      signingKey,
      sealEvery: options.sealEvery ?? 25,
      sealIntervalMs: 0,
      now: () => clock,
    });
    for (const e of events) {
      clock = Math.floor(e.ms);
      const r = await log.append(e.kind, e.body);
      if (e.phantom) phantoms.push({ seq: r.seq, ...e.phantom });
    }
    clock = startMs + (SPAN_S + 1) * 1000;
    await log.close();
    const extract = await exportRange(store, { from, to, signingKey, now: () => clock });
    await writeFile(join(dir, "export.json"), `${JSON.stringify(extract, null, 1)}\n`);
    const truth = { unlogged, phantoms };
    await writeFile(join(dir, "unlogged.json"), `${JSON.stringify(truth, null, 2)}\n`);
    return {
      dir,
      keys,
      db,
      capture,
      export: join(dir, "export.json"),
      ourPrefix: lease.prefix,
      homePrefix: HOME.gtPrefix,
      from,
      to,
      loggedDialogues: events.filter((e) => e.kind === "dialogue").length,
      records: log.chainHead.seq,
      unlogged,
      phantoms,
      frames: messages.length,
    };
  } finally {
    await store.close();
  }
}

/** One unanswered location query from `gt`: 0 anyTimeInterrogation, 1 provideSubscriberInfo, 2 SRI-SM. */
function locationQuery(
  which: number,
  t: number,
  gt: LabNode,
  victim: ReturnType<typeof homeSubscriber>,
  nextTid: () => number,
): LabMessage {
  const otid = hexTid(nextTid());
  const request = { locationInformation: true, subscriberState: true } as const;
  if (which === 0)
    return msg("unlogged", t, withSsn(gt, Ssn.gsmScf), HOME.hlr, {
      type: "begin",
      otid,
      dialogue: aarq(LabApplicationContext.anyTimeInfoEnquiry),
      components: [
        invoke(
          1,
          71,
          param(anyTimeInterrogation, {
            subscriberIdentity: { kind: "msisdn", msisdn: isdn(victim.msisdn) },
            requestedInfo: { ...request },
            gsmScfAddress: isdn(gt.gt),
          }),
        ),
      ],
    });
  if (which === 1)
    return msg("unlogged", t, withSsn(gt, Ssn.hlr), HOME.vlr, {
      type: "begin",
      otid,
      dialogue: aarq(LabApplicationContext.subscriberInfoEnquiry),
      components: [
        invoke(1, 70, param(provideSubscriberInfo, { imsi: victim.imsi, requestedInfo: { ...request } })),
      ],
    });
  return msg("unlogged", t, withSsn(gt, Ssn.msc), HOME.hlr, {
    type: "begin",
    otid,
    dialogue: aarq(LabApplicationContext.shortMsgGateway),
    components: [
      invoke(
        1,
        45,
        param(sendRoutingInfoForSM, {
          msisdn: isdn(victim.msisdn),
          smRpPri: true,
          serviceCentreAddress: isdn(gt.gt),
        }),
      ),
    ],
  });
}
