/**
 * Several ASPs toward one Application Server reached through different SGPs (e.g. the core's two STPs).
 * Traffic goes to an active one by the group's traffic mode; the group reports when it as a whole goes up
 * (some ASP active) or down (none), so a proxy can announce DAVA/DUNA on its other side.
 */
import { EventEmitter } from "node:events";
import type { M3uaAsp } from "./asp.js";
import type { TrafficMode } from "./messages.js";
import { AspState } from "./types.js";

export interface M3uaAsGroupOptions {
  /** override: the first ASP-ACTIVE member in configured order; loadshare: by SLS over the active ones. */
  trafficMode?: TrafficMode;
}

export interface M3uaAsGroupEvents {
  /** The first member became ASP-ACTIVE. */
  up: [];
  /** The last active member left ASP-ACTIVE. */
  down: [];
  /** The set of active members changed (also fires alongside up/down). */
  change: [active: readonly M3uaAsp[]];
  /** DATA received by a member: the whole M3UA message, `bytes[start, end)`. */
  data: [bytes: Uint8Array, start: number, end: number, asp: M3uaAsp];
}

export class M3uaAsGroup extends EventEmitter<M3uaAsGroupEvents> {
  readonly trafficMode: TrafficMode;
  readonly members: readonly M3uaAsp[];
  /** Active members in configured order; rebuilt on state changes only, so `send` allocates nothing. */
  private activeMembers: M3uaAsp[] = [];
  private readonly detach: (() => void)[] = [];

  constructor(members: readonly M3uaAsp[], options: M3uaAsGroupOptions = {}) {
    super();
    if (members.length === 0) throw new RangeError("an AS group needs at least one ASP");
    this.members = [...members];
    this.trafficMode = options.trafficMode ?? "override";
    for (const asp of this.members) {
      const onState = () => this.refresh();
      const onData = (bytes: Uint8Array, start: number, end: number) =>
        this.emit("data", bytes, start, end, asp);
      asp.on("state", onState);
      asp.on("data", onData);
      this.detach.push(() => {
        asp.off("state", onState);
        asp.off("data", onData);
      });
    }
    this.refresh();
  }

  /** Some member is ASP-ACTIVE. */
  get up(): boolean {
    return this.activeMembers.length > 0;
  }

  /** "up" when some member is ASP-ACTIVE, else "down". */
  get state(): "up" | "down" {
    return this.activeMembers.length > 0 ? "up" : "down";
  }

  /** The ASP-ACTIVE members, in configured order. */
  get active(): readonly M3uaAsp[] {
    return this.activeMembers;
  }

  /** Starts every member. */
  start(): void {
    for (const asp of this.members) asp.start();
  }

  /** Stops every member (ASPIA, ASPDN, close) and stops listening to them. */
  async stop(): Promise<void> {
    await Promise.all(this.members.map((asp) => asp.stop()));
    for (const d of this.detach) d();
    this.detach.length = 0;
  }

  /** The member `send` would use for this SLS, or undefined when none is active. */
  pick(sls: number): M3uaAsp | undefined {
    const a = this.activeMembers;
    if (a.length === 0) return undefined;
    if (this.trafficMode === "override" || a.length === 1) return a[0];
    return a[(sls >>> 0) % a.length];
  }

  /**
   * Sends a DATA message unchanged through the member chosen for `sls`. Returns false when no member is
   * active (nothing sent). Backpressure is per member: see `pick(sls).congested`.
   */
  send(bytes: Uint8Array, sls: number, start = 0, end = bytes.length): boolean {
    const asp = this.pick(sls);
    return asp?.sendData(bytes, start, end) ?? false;
  }

  private refresh(): void {
    const wasUp = this.activeMembers.length > 0;
    const next = this.members.filter((asp) => asp.state === AspState.active);
    const same =
      next.length === this.activeMembers.length && next.every((asp, i) => asp === this.activeMembers[i]);
    if (same) return;
    this.activeMembers = next;
    this.emit("change", next);
    if (!wasUp && next.length > 0) this.emit("up");
    else if (wasUp && next.length === 0) this.emit("down");
  }
}
