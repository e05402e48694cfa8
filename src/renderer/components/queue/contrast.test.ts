// WCAG AA for the window's colours, read from styles.css itself: a colour changed there that drops a text below
// 4.5:1 (or a focus ring below 3:1) on a background it is drawn on fails here, in either theme.
import { describe, expect, it } from 'vitest';

// The renderer's code has no Node types (it runs in the page); this test runs under Node and reads the file itself.
// (A `?raw` import would give '' here: the test runner stubs stylesheets out.)
type ReadFile = { readFileSync(path: string, encoding: 'utf8'): string };
const fsModule: string = 'node:fs';
const { readFileSync } = (await import(/* @vite-ignore */ fsModule)) as ReadFile;
const projectRoot = (globalThis as unknown as { process: { cwd(): string } }).process.cwd();
const css = readFileSync(`${projectRoot}/src/renderer/styles.css`, 'utf8');

/** The custom properties of the first `:root { … }` block at or after `from`. */
function propertiesAfter(from: number): Record<string, string> {
  const start = css.indexOf(':root {', from);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const light = propertiesAfter(0);
const dark = { ...light, ...propertiesAfter(css.indexOf('@media (prefers-color-scheme: dark)')) };

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(match[1]!.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Every text colour on every background the window draws it on. */
const TEXT_PAIRS: [text: string, background: string][] = [
  ...['bg', 'bg-side', 'bg-raised', 'bg-hover', 'bg-selected', 'error-bg', 'warn-bg'].map(
    (bg) => ['text', bg] as [string, string],
  ),
  // Sizes, destinations, counts, labels, quiet buttons, the header on its side colour, the toolbar.
  ...['bg', 'bg-side', 'bg-raised', 'bg-hover', 'bg-selected', 'error-bg', 'warn-bg'].map(
    (bg) => ['muted', bg] as [string, string],
  ),
  // State words in rows (a row may be hovered or selected).
  ...['accent', 'good', 'bad'].flatMap((text) =>
    ['bg', 'bg-hover', 'bg-selected'].map((bg) => [text, bg] as [string, string]),
  ),
  ['bad', 'error-bg'],
  ['bad', 'bg-side'],
  // The primary button (Add files…).
  ['accent-text', 'accent-strong'],
];

describe('colour contrast (WCAG AA)', () => {
  it('parses both themes from styles.css', () => {
    expect(light.text).toMatch(/^#/);
    expect(dark.bg).not.toBe(light.bg);
    expect(dark['accent-strong']).toBeDefined();
  });

  for (const [theme, colours] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`every text is at least 4.5:1 on its background, ${theme} theme`, () => {
      const failing = TEXT_PAIRS.map(([text, bg]) => ({
        pair: `--${text} on --${bg}`,
        ratio: contrast(colours[text]!, colours[bg]!),
      })).filter((p) => p.ratio < 4.5);
      expect(failing).toEqual([]);
    });

    it(`the focus ring stands out at least 3:1 on every background, ${theme} theme`, () => {
      for (const bg of ['bg', 'bg-side', 'bg-raised', 'bg-hover', 'bg-selected'])
        expect(contrast(colours['focus-ring']!, colours[bg]!), `--focus-ring on --${bg}`).toBeGreaterThanOrEqual(3);
    });
  }

  it('computes the ratios WCAG gives for known pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
