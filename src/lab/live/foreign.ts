/**
 * A foreign network on the live interconnect: one M3UA ASP (toward the firewall's interconnect side, or
 * straight to the core in a baseline run) wrapping a `ForeignNetwork` node (a `PartnerNetwork` for a
 * roaming partner). It originates dialogues (`originate`) and resolves each with its outcome once the home
 * network — or the firewall in its place — has answered (result, MAP error, abort, UDTS), or once nothing
 * came within the answer timeout (the firewall dropped it). What the home network sends its GTs
 * (insertSubscriberData, mt-forwardSM of an intercepted SMS …) is handled by the node and answered.
 *
 * On the wire: OPC the network's point code, DPC the home node the called GT belongs to, SLS per pair of
 * GTs (answers keep the SLS their request came with), the routing context of its AS.
 */
import { AspState, M3uaAsp } from "../../transport/index.js";
import { HOME } from "../network.js";
import {
  type Exchange,
  ForeignNetwork,
  gtOf,
  hash32,
  type SccpTcapMessage,
  type Sent,
} from "../nodes/index.js";
import { PartnerNetwork } from "./partner.js";
import { DataReader, encodeData, homeNodeOf, type Label, returned } from "./wire.js";
import type { ForeignSpec } from "./world.js";

export interface LiveForeignOptions {
  /** Seeds the node's transaction IDs. Default 1. */
  seed?: number;
  /** How long an originated dialogue waits for an answer before it counts as unanswered. Default 3000 ms. */
  answerTimeoutMs?: number;
  /** Period of the node's timers. Default 100 ms. */
  tickMs?: number;
  /** Operational lines; default none. */
  log?: (line: string) => void;
}

export interface LiveForeignStats {
  /** DATA messages sent / received. */
  sent: number;
  received: number;
  /** Received DATA that was not SCCP unitdata, or did not decode. */
  skipped: number;
  /** Received messages for a GT this network does not own (answered with a UDTS). */
  misrouted: number;
  /** Messages that could not be sent (the association was not active). */
  unsent: number;
}

/** Return cause for a message to a GT this network does not have (Q.713 §3.12). */
const NO_TRANSLATION = 1;

export class LiveForeign {
  readonly node: ForeignNetwork;
  readonly stats: LiveForeignStats = { sent: 0, received: 0, skipped: 0, misrouted: 0, unsent: 0 };
  private asp: M3uaAsp | undefined;
  private readonly reader = new DataReader();
  private readonly waiters = new Map<Exchange, (e: Exchange) => void>();
  /** SLS a home GT's messages came with (answers keep it). */
  private readonly slsOf = new Map<string, number>();
  private readonly tickMs: number;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly spec: ForeignSpec,
    options: LiveForeignOptions = {},
  ) {
    const nodeOptions = { seed: options.seed ?? 1, dialogueTimeoutMs: options.answerTimeoutMs ?? 3000 };
    this.node = spec.network
      ? new PartnerNetwork(spec.network, nodeOptions)
      : ForeignNetwork.lessee(spec.lessee!, nodeOptions);
    this.tickMs = options.tickMs ?? 100;
    this.log = options.log ?? (() => {});
  }

  get name(): string {
    return this.spec.name;
  }

  /** The ASP is active: DATA can flow. */
  get active(): boolean {
    return this.asp?.state === AspState.active;
  }

  /** Connects to the SGP at `host:port` and resolves once the ASP is active (rejects after `timeoutMs`). */
  connect(host: string, port: number, timeoutMs = 5000): Promise<void> {
    if (this.asp) throw new Error(`${this.name}: already connected`);
    const asp = new M3uaAsp({
      host,
      port,
      routingContexts: [this.spec.rc],
      heartbeatMs: 0,
      infoString: this.spec.name,
      reconnect: { minMs: 50, maxMs: 1000 },
    });
    this.asp = asp;
    asp.on("data", (bytes, start, end) => this.onData(bytes, start, end));
    asp.on("state", (state) => this.log(`${this.name}: ${state}`));
    // ERR/NTFY and protocol errors are logged, never thrown.
    asp.on("peerError", (e) => this.log(`${this.name}: ERR ${e.errorCode} from the SGP`));
    asp.on("protocolError", (e) => this.log(`${this.name}: ${e.message}`));
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    asp.start();
    return new Promise((resolve, reject) => {
      if (asp.state === AspState.active) return resolve();
      const t = setTimeout(() => {
        asp.off("state", onState);
        reject(new Error(`${this.name}: no ASP-ACTIVE on ${host}:${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      const onState = (state: AspState): void => {
        if (state !== AspState.active) return;
        clearTimeout(t);
        asp.off("state", onState);
        resolve();
      };
      asp.on("state", onState);
    });
  }

  /** ASPIA, ASPDN, close; dialogues still waiting resolve as they are (pending). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.asp?.stop();
    for (const [e, resolve] of this.waiters) resolve(e);
    this.waiters.clear();
  }

  /**
   * Originates a dialogue: `fn` calls one of the node's originating methods (`(n, t) => n.sriSm(msisdn, t,
   * { from })`); its Begin goes out now. Resolves with the exchange once it has an outcome.
   */
  originate(fn: (node: ForeignNetwork, nowMs: number) => Sent): Promise<Exchange> {
    const sent = fn(this.node, Date.now());
    const done = new Promise<Exchange>((resolve) => this.waiters.set(sent.exchange, resolve));
    this.transmit(sent.messages);
    this.settle();
    return done;
  }

  private tick(): void {
    this.transmit(this.node.tick(Date.now()));
    this.settle();
  }

  private settle(): void {
    for (const [e, resolve] of this.waiters) {
      if (e.status === "pending") continue;
      this.waiters.delete(e);
      resolve(e);
    }
  }

  private onData(bytes: Uint8Array, start: number, end: number): void {
    this.stats.received++;
    const before = this.reader.skipped;
    const r = this.reader.read(bytes, start, end, Date.now());
    this.stats.skipped += this.reader.skipped - before;
    if (!r) return;
    const from = gtOf(r.message.calling);
    if (from !== undefined) this.slsOf.set(from, r.label.sls);
    if (!this.node.owns(gtOf(r.message.called) ?? "")) {
      this.stats.misrouted++;
      const back = returned(r.message, NO_TRANSLATION);
      if (back) this.send(back, r.label.opc);
      return;
    }
    this.transmit(this.node.handle(r.message, Date.now()), r.label.opc);
    this.settle();
  }

  private transmit(messages: readonly SccpTcapMessage[], dpc?: number): void {
    for (const m of messages) this.send(m, dpc);
  }

  private send(m: SccpTcapMessage, dpc?: number): void {
    const to = gtOf(m.called) ?? "";
    const label: Label = {
      opc: this.spec.pc,
      dpc: dpc ?? (homeNodeOf(m.called) ?? HOME.hlr).pc,
      sls: this.slsOf.get(to) ?? hash32(`${gtOf(m.calling)}>${to}`) & 0x0f,
    };
    for (const data of encodeData(m, label, this.spec.rc)) {
      if (this.asp?.sendData(data)) this.stats.sent++;
      else this.stats.unsent++;
    }
  }
}
