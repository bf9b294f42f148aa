import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's browser build, evaluated through the debugging protocol: the hub's CSP allows no inline script. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rules of WCAG 2.1 levels A and AA, which Dutch public-sector sites must meet. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  /** CSS selectors of the first few elements that break the rule. */
  elements: string[];
}

/** The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    type Axe = {
      run(
        context: unknown,
        options: object,
      ): Promise<{
        violations: {
          id: string;
          impact?: string | null;
          help: string;
          nodes: { target: unknown[] }[];
        }[];
      }>;
    };
    // Runs in the page, where the node types' globals are the browser's.
    const page = globalThis as unknown as { axe: Axe; document: unknown };
    const { violations } = await page.axe.run(page.document, {
      runOnly: { type: 'tag', values: tags },
    });
    return violations
      .filter(({ impact }) => impact === 'serious' || impact === 'critical')
      .map(({ id, impact, help, nodes }) => ({
        rule: id,
        impact: impact!,
        help,
        elements: nodes.slice(0, 3).map(({ target }) => target.join(' ')),
      }));
  }, WCAG_21_AA);
}
