/**
 * The simulated home core on a live M3UA association: an SGP (the firewall's core side, or in a baseline
 * run the foreign networks themselves, connect to it as ASPs) in front of the home network's HLR, MSC/VLR
 * and SMSC (src/lab/nodes).
 *
 * Each DATA message received is read (SCCP, XUDT reassembled), routed by its called GT to the node that
 * owns it, and handled at the wall-clock time; what the nodes answer or originate is routed the same way:
 * to another home node in memory (the HLR asking the VLR for a location, an SMSC asking the HLR for
 * routing), or out as M3UA DATA — OPC the sending home node's point code, DPC the point code the called GT
 * was last heard from (else its network's), the SLS its messages came with — on the association it was
 * heard on, else the core AS (the firewall), else the AS of the network that owns the GT. A GT nobody owns
 * is answered with a UDTS (no translation for this specific address), as an STP would. The nodes' dialogue
 * timers run from a one-second tick.
 */
import { SccpReturnCause } from "../../codec/sccp/index.js";
import { type AspState, AsState, M3uaSgp } from "../../transport/index.js";
import { HOME } from "../network.js";
import {
  DEFAULT_SUBSCRIBERS,
  gtOf,
  Hlr,
  hash32,
  type InvokeOutcome,
  type MapNode,
  Msc,
  type SccpTcapMessage,
  Smsc,
  type SmsDelivery,
  SubscriberDb,
} from "../nodes/index.js";
import { DataReader, encodeData, homeNodeOf, type Label, returned } from "./wire.js";
import { CORE_RC, type ForeignSpec, foreignOfGt } from "./world.js";

export interface LiveCoreOptions {
  /** Subscribers in the HLR (1…N of the lab world). Default 5,000. */
  subscribers?: number;
  /** Seeds the nodes' transaction IDs and authentication vectors. Default 1. */
  seed?: number;
  /**
   * Foreign networks allowed to connect straight to the core (a run without the firewall): each gets an
   * Application Server with its routing context. The core AS (`CORE_RC`) is always served.
   */
  foreign?: readonly ForeignSpec[];
  /** Period of the nodes' timers. Default 1000 ms. */
  tickMs?: number;
  /** Operational lines (associations); default none. */
  log?: (line: string) => void;
}

export interface LiveCoreStats {
  /** DATA messages received / sent. */
  received: number;
  sent: number;
  /** Messages carried between home nodes in memory. */
  internal: number;
  /** Received DATA that was not SCCP unitdata, or did not decode. */
  skipped: number;
  /** Messages for GTs no one owns (answered with a UDTS), or with no association to go out on (dropped). */
  unroutable: number;
  /** A node threw while handling a message (a bug; the message is dropped and the core goes on). */
  errors: number;
}

/** Where a foreign GT was last heard from. */
interface Route {
  aspId: number;
  pc: number;
  sls: number;
}

/** Foreign GTs remembered (a hostile peer sending from many GTs cannot grow it without bound). */
const MAX_ROUTES = 10_000;

export class LiveCore {
  readonly db: SubscriberDb;
  readonly hlr: Hlr;
  readonly msc: Msc;
  readonly smsc: Smsc;
  readonly sgp: M3uaSgp;
  readonly stats: LiveCoreStats = { received: 0, sent: 0, internal: 0, skipped: 0, unroutable: 0, errors: 0 };
  private readonly nodes = new Map<string, MapNode>();
  private readonly readers = new Map<number, DataReader>();
  private readonly routes = new Map<string, Route>();
  private readonly pcRoutes = new Map<number, number>();
  private readonly waiting = new Map<number, (d: SmsDelivery) => void>();
  private readonly tickMs: number;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: LiveCoreOptions = {}) {
    const seed = options.seed ?? 1;
    const now = Date.now();
    this.db = new SubscriberDb({ count: options.subscribers ?? DEFAULT_SUBSCRIBERS, nowMs: now });
    this.hlr = new Hlr({ subscribers: this.db, seed: seed * 7 + 1 });
    this.msc = new Msc({ subscribers: this.db, nowMs: now, seed: seed * 7 + 2 });
    this.smsc = new Smsc({ seed: seed * 7 + 3, onReport: (d) => this.reported(d) });
    for (const n of [this.hlr, this.msc, this.smsc]) this.nodes.set(n.gt, n);
    this.tickMs = options.tickMs ?? 1000;
    this.log = options.log ?? (() => {});
    const rcs = [CORE_RC, ...(options.foreign ?? []).map((f) => f.rc)];
    this.sgp = new M3uaSgp({ applicationServers: rcs.map((routingContext) => ({ routingContext })) });
    this.sgp.on("data", (aspId, bytes, start, end) => this.onData(aspId, bytes, start, end));
    this.sgp.on("aspState", (aspId, state: AspState) =>
      this.log(`core: ASP ${aspId} (${this.sgp.asp(aspId)?.remote ?? "?"}) ${state}`),
    );
    this.sgp.on("close", (aspId) => {
      this.readers.delete(aspId);
      for (const [pc, id] of this.pcRoutes) if (id === aspId) this.pcRoutes.delete(pc);
      for (const [gt, r] of this.routes) if (r.aspId === aspId) this.routes.delete(gt);
    });
  }

  /** Starts listening (port 0: the OS picks one); resolves with the port. */
  async start(host = "127.0.0.1", port = 0): Promise<number> {
    const bound = await this.sgp.listen(host, port);
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    return bound;
  }

  get port(): number | undefined {
    return this.sgp.port;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sgp.close();
  }

  /**
   * The home SMSC delivers `text` to `msisdn` (SRI-SM to the HLR, then mt-forwardSM to whatever MSC the
   * HLR names, at home or abroad); resolves when the delivery has ended, delivered or failed.
   */
  deliverSms(msisdn: string, text: string): Promise<SmsDelivery> {
    const { delivery, messages } = this.smsc.deliver(msisdn, text, Date.now());
    // Registered first: a delivery that stays inside the home network ends during dispatch.
    const done = new Promise<SmsDelivery>((resolve) => this.waiting.set(delivery.id, resolve));
    this.dispatch(messages);
    return done;
  }

  /**
   * Subscriber `imsi` (a partner's: an inbound roamer) switches on in the home MSC's area: authentication
   * and updateLocation to its HLR abroad. Resolves with updateLocation's outcome.
   */
  attach(imsi: string): Promise<InvokeOutcome> {
    return new Promise((resolve) => {
      this.dispatch(this.msc.attach(imsi, Date.now(), { onDone: resolve }));
    });
  }

  private reported(d: SmsDelivery): void {
    const resolve = this.waiting.get(d.id);
    if (!resolve) return;
    this.waiting.delete(d.id);
    resolve(d);
  }

  private tick(): void {
    const now = Date.now();
    for (const n of this.nodes.values()) this.dispatch(this.safely(n, () => n.tick(now)));
  }

  private safely(node: MapNode, fn: () => SccpTcapMessage[]): SccpTcapMessage[] {
    try {
      return fn();
    } catch (e) {
      this.stats.errors++;
      this.log(`core: ${node.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  private onData(aspId: number, bytes: Uint8Array, start: number, end: number): void {
    this.stats.received++;
    let reader = this.readers.get(aspId);
    if (!reader) {
      reader = new DataReader();
      this.readers.set(aspId, reader);
    }
    const before = reader.skipped;
    const r = reader.read(bytes, start, end, Date.now());
    this.stats.skipped += reader.skipped - before;
    if (!r) return;
    const calling = gtOf(r.message.calling);
    if (calling !== undefined && !this.nodes.has(calling)) {
      if (this.routes.size >= MAX_ROUTES && !this.routes.has(calling))
        this.routes.delete(this.routes.keys().next().value!);
      this.routes.set(calling, { aspId, pc: r.label.opc, sls: r.label.sls });
    }
    this.pcRoutes.set(r.label.opc, aspId);
    if (!this.nodes.has(gtOf(r.message.called) ?? "")) {
      // Not for us: the core does not transit traffic between foreign networks.
      this.stats.unroutable++;
      const back = returned(r.message, SccpReturnCause.noTranslationForThisSpecificAddress);
      if (back) this.sendOut(back);
      return;
    }
    this.dispatch([r.message], true);
  }

  /**
   * Carries `messages` and everything they cause until the home nodes are quiet: to a home node in memory,
   * else out on the wire.
   */
  private dispatch(messages: readonly SccpTcapMessage[], fromWire = false): void {
    const queue = [...messages];
    let first = fromWire;
    for (let steps = 0; queue.length > 0; steps++) {
      if (steps > 10_000) {
        this.log("core: routing loop, messages dropped");
        return;
      }
      const m = queue.shift()!;
      const node = this.nodes.get(gtOf(m.called) ?? "");
      if (node) {
        if (!first) this.stats.internal++;
        queue.push(...this.safely(node, () => node.handle(m, Date.now())));
      } else {
        const back = this.sendOut(m);
        if (back) queue.push(back);
      }
      first = false;
    }
  }

  /** Sends `m` out; returns a UDTS to route back to its sender when it cannot go anywhere. */
  private sendOut(m: SccpTcapMessage): SccpTcapMessage | undefined {
    const gt = gtOf(m.called) ?? "";
    const route = this.routes.get(gt);
    const spec = foreignOfGt(gt);
    const dpc = route?.pc ?? spec?.pc;
    if (dpc === undefined) {
      // Not a GT of the lab's world: nowhere to send it.
      this.stats.unroutable++;
      return returned(m, SccpReturnCause.noTranslationForThisSpecificAddress);
    }
    const label: Label = {
      // A UDTS about someone else's message goes out in the name of the core's STP (the HLR's point code).
      opc: (homeNodeOf(m.calling) ?? HOME.hlr).pc,
      dpc,
      sls: route?.sls ?? hash32(`${gtOf(m.calling)}>${gt}`) & 0x0f,
    };
    const active = (id: number | undefined): number | undefined =>
      id !== undefined && this.sgp.asp(id)?.activeRoutingContexts.length ? id : undefined;
    const aspId = active(route?.aspId) ?? active(this.pcRoutes.get(dpc));
    let sent = false;
    if (aspId !== undefined) {
      const rc = this.sgp.asp(aspId)!.activeRoutingContexts[0];
      for (const data of encodeData(m, label, rc)) sent = this.count(this.sgp.send(aspId, data)) || sent;
    } else {
      const rc =
        this.sgp.asState(CORE_RC) === AsState.active
          ? CORE_RC
          : spec && this.sgp.asState(spec.rc) === AsState.active
            ? spec.rc
            : undefined;
      if (rc !== undefined)
        for (const data of encodeData(m, label, rc))
          sent = this.count(this.sgp.sendToAs(rc, data, label.sls)) || sent;
    }
    if (!sent) this.stats.unroutable++;
    return undefined;
  }

  private count(sent: boolean): boolean {
    if (sent) this.stats.sent++;
    return sent;
  }
}
