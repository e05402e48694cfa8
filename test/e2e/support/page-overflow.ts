// The overflow check, run inside the page (bundled into the probe, see page-probe.ts): does anything reach past the
// window's right edge? Two things are asked:
//   1. the document itself is no wider than the window (document.documentElement.scrollWidth <= innerWidth), so the
//      window never scrolls sideways;
//   2. no visible element's box reaches past the right edge of what the window shows, unless a scrolling container
//      (overflow-x: auto or scroll) that itself fits holds it: that container lets the user scroll to it on purpose.
//      A container that only hides what sticks out (overflow: hidden or clip) does not excuse it: the user cannot
//      reach what is cut off, which is exactly the bug this looks for (a form cut off at the right edge);
//   3. no scrolling container scrolls sideways, unless it is meant to: a <pre> (code is not wrapped), a form field,
//      or an element marked data-scroll-x. CSS makes every vertical scroller (the queue list, a pane) a horizontal one
//      too, so without this a row too wide for the list would be "held by a scroller" and pass.
//
// Typed locally: tsconfig.node.json has no DOM library (see page-probe.ts).

interface Rect {
  readonly left: number;
  readonly right: number;
  readonly width: number;
  readonly height: number;
}

interface Style {
  readonly overflowX: string;
}

interface Node {
  readonly tagName: string;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  hasAttribute(name: string): boolean;
  readonly id: string;
  readonly className: unknown;
  readonly textContent: string | null;
  readonly parentElement: Node | null;
  getBoundingClientRect(): Rect;
  checkVisibility(options: { checkOpacity: boolean; checkVisibilityCSS: boolean }): boolean;
}

interface OverflowGlobals {
  innerWidth: number;
  document: {
    readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
    readonly body: { querySelectorAll(selector: string): ArrayLike<Node> };
  };
  getComputedStyle(element: Node): Style;
}

export interface OverflowReport {
  innerWidth: number;
  /** The width the window shows, without a vertical scroll bar. */
  clientWidth: number;
  scrollWidth: number;
  /** One line per element past the right edge: what it is, its text, and how far it reaches. */
  elements: string[];
}

/** Half a pixel of slack: sub-pixel layout can put a right edge at 800.3 in an 800 px window without anything showing. */
const SLACK = 0.5;

function describe(node: Node, rect: Rect): string {
  const className =
    typeof node.className === 'string' && node.className ? `.${node.className.trim().split(/\s+/).join('.')}` : '';
  const id = node.id ? `#${node.id}` : '';
  const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return `${node.tagName.toLowerCase()}${id}${className} "${text}" reaches ${Math.round(rect.right)} px`;
}

const scrolls = (style: Style) => style.overflowX === 'auto' || style.overflowX === 'scroll';
/** Elements whose sideways scrolling is their design, not a layout that does not fit. */
const SCROLL_X_BY_DESIGN = new Set(['PRE', 'TEXTAREA', 'INPUT', 'SELECT']);

/** True if a scrolling container that fits in the window holds the element (and so lets the user scroll to it). */
function heldByScroller(node: Node, globals: OverflowGlobals, edge: number): boolean {
  for (let up = node.parentElement; up; up = up.parentElement) {
    if (scrolls(globals.getComputedStyle(up)) && up.getBoundingClientRect().right <= edge + SLACK) return true;
  }
  return false;
}

export function overflowReport(globals: OverflowGlobals): OverflowReport {
  const root = globals.document.documentElement;
  const edge = root.clientWidth;
  const elements: string[] = [];
  const reported = new Set<Node>();
  const all = globals.document.body.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const node = all[i]!;
    const rect = node.getBoundingClientRect();
    // Not drawn: display none (an empty box), visibility hidden, opacity 0, or a visually-hidden 1 px label.
    if (rect.width <= 1 || rect.height <= 1) continue;
    const sideways =
      !SCROLL_X_BY_DESIGN.has(node.tagName) &&
      !node.hasAttribute('data-scroll-x') &&
      scrolls(globals.getComputedStyle(node)) &&
      node.scrollWidth > node.clientWidth + 1;
    const past = rect.right > edge + SLACK && !heldByScroller(node, globals, edge);
    if (!sideways && !past) continue;
    if (!node.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    reported.add(node);
    // What is inside an element already reported goes with it: one line per place that does not fit.
    if (node.parentElement && reported.has(node.parentElement)) continue;
    elements.push(
      sideways
        ? `${describe(node, rect)}, and scrolls sideways: ${node.scrollWidth} px of content in ${node.clientWidth} px`
        : describe(node, rect),
    );
  }
  return { innerWidth: globals.innerWidth, clientWidth: edge, scrollWidth: root.scrollWidth, elements };
}
