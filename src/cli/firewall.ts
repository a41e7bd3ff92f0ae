import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { parseProxyConfig } from "../proxy/config.js";
import { FirewallProxy } from "../proxy/proxy.js";

interface FirewallOptions {
  config: string;
}

/**
 * `ss7guard firewall --config FILE`: runs the inline M3UA firewall until SIGINT/SIGTERM. SIGHUP reloads the
 * policy (a broken one is refused with its errors; the old one stays). Log lines go to stderr.
 */
export function registerFirewallCommand(program: Command): void {
  program
    .command("firewall")
    .description(
      "run the inline M3UA firewall between the interconnect and the core (SIGHUP reloads the policy)",
    )
    .requiredOption("--config <file>", "proxy configuration (YAML)")
    .action(async (opts: FirewallOptions) => {
      const path = resolve(opts.config);
      const config = parseProxyConfig(await readFile(path, "utf8"), opts.config);
      const log = (line: string): void => {
        process.stderr.write(`${new Date().toISOString()} ${line}\n`);
      };
      const proxy = new FirewallProxy({ config, baseDir: dirname(path), log });
      const started = await proxy.start();
      log(
        `listening for the interconnect on ${config.interconnect.listen.host}:${started.interconnectPort}` +
          (started.managementPort !== undefined ? `, management API on port ${started.managementPort}` : ""),
      );
      const onHup = (): void => {
        void proxy.reload().then((r) => log(r.ok ? `reloaded ${r.policy}` : `reload refused:\n${r.errors}`));
      };
      process.on("SIGHUP", onHup);
      await new Promise<void>((done) => {
        const stop = (signal: string): void => {
          log(`${signal}: stopping`);
          process.off("SIGHUP", onHup);
          void proxy.stop().then(done);
        };
        process.once("SIGINT", () => stop("SIGINT"));
        process.once("SIGTERM", () => stop("SIGTERM"));
      });
    });
}
