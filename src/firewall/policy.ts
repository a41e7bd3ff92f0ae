/**
 * The firewall policy file (YAML): the network we protect, who owns which global titles (an IR.21-like
 * table), which GT ranges are leased to whom, thresholds and rule overrides. Validated with zod; every error
 * names the key path and the line it is on, so an operator can fix a 2,000-line policy without guessing.
 */
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { z } from "zod";

const digits = (what: string, min: number, max: number) =>
  z.string().regex(new RegExp(`^\\d{${min},${max}}$`), `${what}: ${min}–${max} decimal digits`);
const gtPrefix = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(digits("GT prefix", 1, 15));
// TS 23.003 §2.2: MCC 3 digits + MNC 2 or 3.
const mccmnc = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(digits("MCC+MNC", 5, 6));
const country = z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2 country code, e.g. ZM");

export const Verdict = ["allow", "drop", "drop-with-udts", "tcap-abort", "map-error"] as const;
export type Verdict = (typeof Verdict)[number];

const rule = z
  .object({
    name: z.string().min(1).optional(),
    match: z
      .object({
        opcode: z
          .union([z.number().int().min(0).max(255), z.array(z.number().int().min(0).max(255)).min(1)])
          .optional(),
        category: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal("sms")]).optional(),
        gt_prefix: z.array(gtPrefix).min(1).optional(),
        lessee: z.string().min(1).optional(),
        country: country.optional(),
      })
      .strict()
      .refine((m) => Object.keys(m).length > 0, "match needs at least one condition"),
    action: z.enum(Verdict),
    alert: z.boolean().default(false),
    /** Q.713 §3.12 return cause for drop-with-udts. */
    return_cause: z.number().int().min(0).max(255).optional(),
    /** TS 29.002 §17.6 error code for map-error. */
    map_error: z.number().int().min(0).max(255).optional(),
  })
  .strict()
  .refine((r) => r.action !== "map-error" || r.map_error !== undefined, {
    message: "action map-error needs map_error (a TS 29.002 error code)",
    path: ["map_error"],
  });

export const PolicySchema = z
  .object({
    home: z
      .object({
        name: z.string().min(1),
        mccmnc: z.array(mccmnc).min(1),
        gt_prefixes: z.array(gtPrefix).min(1),
      })
      .strict(),
    operators: z
      .array(
        z
          .object({
            name: z.string().min(1),
            country,
            mccmnc: z.array(mccmnc).default([]),
            gt_prefixes: z.array(gtPrefix).min(1),
          })
          .strict(),
      )
      .default([]),
    leases: z
      .array(
        z
          .object({
            lessee: z.string().min(1),
            gt_prefixes: z.array(gtPrefix).min(1),
            purpose: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    /** Calling GT prefixes always allowed (checked after rules) / always dropped with an alert. */
    gt_allow: z.array(gtPrefix).default([]),
    gt_deny: z.array(gtPrefix).default([]),
    thresholds: z
      .object({
        /** A campaign: ≥ min_messages location-class requests at one subscriber from ≥ min_origins GTs within window_s. */
        location_burst: z
          .object({
            window_s: z.number().positive().default(60),
            min_messages: z.number().int().positive().default(10),
            min_origins: z.number().int().positive().default(3),
          })
          .strict()
          .default({ window_s: 60, min_messages: 10, min_origins: 3 }),
        /** Impossible travel: the fastest a subscriber moves between country centroids, plus a margin. */
        travel: z
          .object({
            speed_kmh: z.number().positive().default(1000),
            margin_s: z.number().nonnegative().default(1800),
          })
          .strict()
          .default({ speed_kmh: 1000, margin_s: 1800 }),
        /** How long an SRI-SM for a subscriber is remembered (SMS interception, mt-forwardSM origin checks). */
        sms_routing_window_s: z.number().positive().default(600),
        /** An incident closes after this long without a new message. */
        incident_gap_s: z.number().positive().default(600),
      })
      .strict()
      .default({
        location_burst: { window_s: 60, min_messages: 10, min_origins: 3 },
        travel: { speed_kmh: 1000, margin_s: 1800 },
        sms_routing_window_s: 600,
        incident_gap_s: 600,
      }),
    /** Bounds on the engine's memory: tracked subscribers (least recently seen evicted first) and their idle lifetime. */
    state: z
      .object({
        max_subscribers: z.number().int().positive().default(1_000_000),
        ttl_s: z.number().positive().default(86_400),
      })
      .strict()
      .default({ max_subscribers: 1_000_000, ttl_s: 86_400 }),
    rules: z.array(rule).default([]),
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyRule = Policy["rules"][number];

export interface PolicyIssue {
  /** Key path as written in the file: `operators[1].gt_prefixes[0]`. */
  path: string;
  /** 1-based line and column in the file (of the offending value, or of its parent when it is missing). */
  line: number;
  column: number;
  message: string;
}

/** A policy file that cannot be used; lists every problem, not just the first. */
export class PolicyError extends Error {
  override readonly name = "PolicyError";
  constructor(
    readonly source: string,
    readonly issues: readonly PolicyIssue[],
  ) {
    super(
      `${source}: invalid policy\n${issues.map((i) => `  ${source}:${i.line}:${i.column} ${i.path}: ${i.message}`).join("\n")}`,
    );
  }
}

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(top level)";
}

/** The deepest node along `path` that exists in the document, for a line number. */
function nodeAt(root: Node | null, path: readonly PropertyKey[]): Node | null {
  let node = root;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      const next = (pair.value as Node | null) ?? (pair.key as Node | null);
      if (!next) return node;
      node = next;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as Node | undefined;
      if (!item) return node;
      node = item;
    } else return node;
  }
  return node;
}

/** Like nodeAt, but for a key that exists only as a key (unknown keys), the key's own node. */
function keyOrNodeAt(root: Node | null, path: readonly PropertyKey[]): Node | null {
  const parent = nodeAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (isMap(parent) && typeof last === "string") {
    const pair = parent.items.find((it) => (it.key as { value?: unknown } | null)?.value === last);
    if (pair) return (pair.key as Node | null) ?? parent;
  }
  return nodeAt(root, path);
}

/** Parses and validates policy YAML. Throws PolicyError naming every bad key with its line. */
export function parsePolicy(text: string, source = "policy"): Policy {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number) => lines.linePos(offset);
  if (doc.errors.length > 0) {
    throw new PolicyError(
      source,
      doc.errors.map((e) => {
        const pos = where(e.pos[0]);
        return { path: "(yaml)", line: pos.line, column: pos.col, message: e.message.split("\n")[0]! };
      }),
    );
  }
  const result = PolicySchema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const root = doc.contents as Node | null;
  const at = (path: readonly PropertyKey[], message: string): PolicyIssue => {
    const pos = where(keyOrNodeAt(root, path)?.range?.[0] ?? 0);
    return { path: pathText(path), line: pos.line, column: pos.col, message };
  };
  throw new PolicyError(
    source,
    result.error.issues.flatMap((issue) =>
      // An unknown key is reported at the key itself (zod reports it against the object holding it).
      issue.code === "unrecognized_keys"
        ? issue.keys.map((k) => at([...issue.path, k], `unknown key "${k}"`))
        : [at(issue.path, issue.message)],
    ),
  );
}
