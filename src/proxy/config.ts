/**
 * The inline firewall's configuration file (YAML): where the interconnect's STPs connect, where the core
 * is, the policy, what to do when the engine fails, and the optional management API, alerts and forensic
 * capture. Validated with zod; errors name the key and line like the policy's.
 */
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { z } from "zod";

const port = z.number().int().min(0).max(65535);
const endpoint = z.object({ host: z.string().min(1).default("127.0.0.1"), port }).strict();
const routingContext = z.number().int().min(0).max(0xffffffff);

export const ProxyConfigSchema = z
  .object({
    /** Firewall policy file, relative to the configuration file. */
    policy: z.string().min(1),
    /** What happens to an MSU the engine cannot judge (it threw, or the proxy fell behind by max_lag_ms). */
    fail_mode: z.enum(["open", "closed"]).default("closed"),
    /** The interconnect side: foreign STPs and GT lessees connect here as ASPs; the proxy is their SGP. */
    interconnect: z
      .object({
        listen: endpoint,
        routing_contexts: z.array(routingContext).min(1),
        heartbeat_ms: z.number().int().nonnegative().default(0),
        /**
         * Which AS (routing context) serves which foreign point codes, for traffic from the core to a point
         * code that has not sent anything yet (the proxy also learns routes from the OPCs it sees).
         */
        routes: z
          .array(
            z
              .object({
                point_codes: z.array(z.number().int().min(0).max(0xffffff)).min(1),
                routing_context: routingContext,
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .refine((i) => i.routes.every((r) => i.routing_contexts.includes(r.routing_context)), {
        message: "every route's routing_context must be one of routing_contexts",
        path: ["routes"],
      }),
    /** The core side: the proxy is an ASP of the core's SGP(s)/STPs. */
    core: z
      .object({
        peers: z.array(endpoint).min(1),
        routing_context: routingContext,
        traffic_mode: z.enum(["override", "loadshare"]).default("override"),
        heartbeat_ms: z.number().int().nonnegative().default(10_000),
      })
      .strict(),
    limits: z
      .object({
        /**
         * Falling behind: while the event loop runs this much later than it should (MSUs waiting to be read
         * that long), MSUs go by fail_mode instead of waiting for the engine.
         */
        max_lag_ms: z.number().positive().default(50),
      })
      .strict()
      .default({ max_lag_ms: 50 }),
    management: z
      .object({ listen: endpoint, token: z.string().min(16, "token: at least 16 characters") })
      .strict()
      .optional(),
    alerts: z
      .object({
        /** JSON lines: a file path, or "-" for stdout. */
        file: z.string().min(1).optional(),
        webhook: z.url().optional(),
      })
      .strict()
      .optional(),
    forensics: z
      .object({
        /** Rolling pcap of blocked MSUs: FILE, FILE.1, … FILE.(files-1). */
        pcap: z.string().min(1),
        max_bytes: z.number().int().positive().default(100_000_000),
        files: z.number().int().min(1).max(100).default(5),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ProxyConfig = z.infer<typeof ProxyConfigSchema>;

export class ProxyConfigError extends Error {
  override readonly name = "ProxyConfigError";
}

function nodeAt(root: Node | null, path: readonly PropertyKey[]): Node | null {
  let node = root;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      node = (pair.value as Node | null) ?? (pair.key as Node | null) ?? node;
    } else if (isSeq(node) && typeof key === "number") {
      node = (node.items[key] as Node | undefined) ?? node;
    } else return node;
  }
  return node;
}

/** Parses and validates the configuration; throws ProxyConfigError listing every problem with its line. */
export function parseProxyConfig(text: string, source = "config"): ProxyConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lines.linePos(e.pos[0]);
    throw new ProxyConfigError(`${source}:${pos.line}:${pos.col}: ${e.message.split("\n")[0]}`);
  }
  const result = ProxyConfigSchema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const root = doc.contents as Node | null;
  const problems = result.error.issues.map((issue) => {
    const pos = lines.linePos(nodeAt(root, issue.path)?.range?.[0] ?? 0);
    const path = issue.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "");
    const what =
      issue.code === "unrecognized_keys"
        ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(", ")}`
        : issue.message;
    return `  ${source}:${pos.line}:${pos.col} ${path || "(top level)"}: ${what}`;
  });
  throw new ProxyConfigError(`${source}: invalid configuration\n${problems.join("\n")}`);
}
