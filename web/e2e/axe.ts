import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

// axe-core's own bundle, evaluated in the page (page scripts are bound by the site's CSP; this is not).
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** A finding left to another piece of work, named with the reason, so everything else still fails. */
export interface KnownFinding {
  rule: string;
  selector: string;
  why: string;
}

/** axe-core's serious and critical findings on the page as it is now (every rule axe runs by default). */
export async function seriousViolations(page: Page, known: readonly KnownFinding[] = []): Promise<AxeFinding[]> {
  const injected = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== "undefined");
  if (!injected) await page.evaluate(axeSource);
  return page.evaluate(async (known) => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<Result> } }).axe;
    const result = await axe.run(document);
    const isKnown = (rule: string, target: string[]) => {
      const el = target.length === 1 ? document.querySelector(target[0]!) : null;
      return known.some((k) => k.rule === rule && !!el?.matches(k.selector));
    };
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isKnown(v.id, n.target)) }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  }, known);
}
