// Where hoist stands against every peer, and what Node and the SDK alone cost on the same files.
//
// Issue 6 asks hoist to lead every peer on client CPU and memory. The floors say how much of hoist's cost it can
// still cut: plain Node (hand-signed PUTs over node:http), the same PUTs signed by the SDK's signer with the CRC32
// header (what issue 18 asks of the lean path's requests), the SDK alone (one PutObjectCommand per file), and hoist's
// own start-up. Where even a floor is behind a peer, no change to hoist's engine alone can put it ahead, and the text
// says which floor.
import { bestPeers, figuresOf, type Figures } from './figures';
import type { Row } from './report';
import { memorySplitText } from './memory-split';
import { FLOOR_LEAN, FLOOR_NODE, FLOOR_NODE_START, FLOOR_SDK, FLOOR_START, hoistRow } from './tools';

type Pick = 'cpu' | 'rss';
const LABEL: Record<Pick, string> = { cpu: 'client CPU', rss: 'peak RSS' };
const fmt = (k: Pick, v: number): string => (k === 'cpu' ? `${v.toFixed(2)} s` : `${v.toFixed(0)} MB`);

/** Target rows: hoist ahead of every peer on CPU and on RSS, per upload workload. */
export function leadTargetRows(rows: Row[], workloads: string[], hoistName: string): string[] {
  const lines: string[] = [];
  for (const w of workloads) {
    const hoist = figuresOf(rows, w, hoistName);
    const best = bestPeers(rows, w);
    if (!hoist) continue;
    for (const k of ['cpu', 'rss'] as const) {
      const peer = best[k];
      if (!peer) continue;
      const ok = hoist[k] < peer[1];
      lines.push(
        `| ahead of every peer: ${LABEL[k]}, ${w} | below the best peer | ${fmt(k, hoist[k])} vs ${peer[0]} ${fmt(k, peer[1])} | ${ok ? 'yes' : '**no**'} |`,
      );
    }
  }
  return lines;
}

/** Why hoist is behind a peer on one figure, from what the floors measured on the same workload. */
function whyBehind(
  k: Pick,
  w: string,
  hoist: Figures,
  peer: [string, number],
  f: { node: Figures; sdk: Figures; start?: Figures; lean?: Figures; nodeStart?: Figures; peer?: Figures },
): string {
  const behind = `${w}, ${LABEL[k]}: hoist ${fmt(k, hoist[k])}, ${peer[0]} ${fmt(k, peer[1])}.`;
  const floors = `(plain Node: ${fmt(k, f.node[k])}; the SDK alone: ${fmt(k, f.sdk[k])})`;
  const split = k === 'rss' && f.peer ? memorySplitText(hoist, [peer[0], f.peer], f.nodeStart) : '';
  const splitText = split ? ` ${split[0]!.toUpperCase()}${split.slice(1)}.` : '';
  if (k === 'rss' && f.start && f.start.rss >= peer[1]) {
    return (
      `${behind} hoist's process is already ${fmt(k, f.start.rss)} once started, before it reads a byte (\`${FLOOR_START}\`: Node, ` +
      `the engine and the signer; the SDK's S3 client and its credential providers wait for their first use): at or above ` +
      `${peer[0]}'s peak for the whole run, so hoist cannot be ahead here ${floors}.${splitText}`
    );
  }
  if (f.node[k] >= peer[1]) {
    return `${behind} Plain Node, with no SDK and no engine, already needs ${fmt(k, f.node[k])}: Node itself is behind ${peer[0]} here ${floors}.${splitText}`;
  }
  if (k === 'rss') {
    return `${behind} Loaded, hoist is ${f.start ? fmt(k, f.start.rss) : '?'}; the rest is heap that grows during the run ${floors}.${splitText}`;
  }
  if (f.sdk.cpu >= peer[1] && hoist.cpu >= f.sdk.cpu) {
    return (
      `${behind} The SDK alone, with none of hoist's engine, already needs ${fmt(k, f.sdk.cpu)}, while plain Node needs ${fmt(k, f.node.cpu)}: ` +
      `the SDK's command pipeline costs more than ${peer[0]}'s whole run, so hoist leads here only by sending the bytes around it ` +
      '(the lean data path; the sdk path sends every request through it).'
    );
  }
  if (f.lean) {
    const lean = `The lean path's requests alone (\`${FLOOR_LEAN}\`: the SDK's signer, as issue 18 asks, and the CRC32 hoist sends by default, over node:http with no engine) need ${fmt(k, f.lean.cpu)}`;
    if (f.lean.cpu >= peer[1])
      return `${behind} ${lean}: already at or above ${peer[0]}, so no client that signs and checks as the lean path must can be ahead here ${floors}.`;
    return (
      `${behind} ${lean}: that leaves ${fmt(k, peer[1] - f.lean.cpu)} for the rest of hoist to stay level with ${peer[0]} (its start-up, and the engine's ` +
      `work per file: walk, stat checks, state, progress, output, history); the rest of hoist takes ${fmt(k, hoist.cpu - f.lean.cpu)} ${floors}.`
    );
  }
  return `${behind} The gap is not set by a floor ${floors}.`;
}

/** The floors table and, for each figure where hoist is behind a peer, what the floors say about why. */
export function renderFloors(rows: Row[], workloads: string[], hoistName: string, ioText?: string): string {
  const lines = [
    `| workload | figure | ${FLOOR_NODE_START} | ${FLOOR_START} | ${FLOOR_NODE} | ${FLOOR_SDK} | ${FLOOR_LEAN} | ${hoistName} | best peer |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  const notes: string[] = [];
  let compared = false;
  // The lean floor stands for the lean path's requests: the sdk path's go through the SDK's command pipeline.
  const leanRow = hoistName === hoistRow('lean');
  for (const w of workloads) {
    const hoist = figuresOf(rows, w, hoistName);
    const node = figuresOf(rows, w, FLOOR_NODE);
    const sdk = figuresOf(rows, w, FLOOR_SDK);
    const start = figuresOf(rows, w, FLOOR_START);
    const nodeStart = figuresOf(rows, w, FLOOR_NODE_START);
    const lean = figuresOf(rows, w, FLOOR_LEAN);
    const best = bestPeers(rows, w);
    if (!hoist || !node || !sdk) continue;
    for (const k of ['cpu', 'rss'] as const) {
      const peer = best[k];
      lines.push(
        `| ${w} | ${LABEL[k]} | ${nodeStart ? fmt(k, nodeStart[k]) : '–'} | ${start ? fmt(k, start[k]) : '–'} | ${fmt(k, node[k])} | ${fmt(k, sdk[k])} | ${lean ? fmt(k, lean[k]) : '–'} | ${fmt(k, hoist[k])} | ${peer ? `${fmt(k, peer[1])} (${peer[0]})` : '–'} |`,
      );
      compared ||= !!peer;
      if (peer && hoist[k] >= peer[1])
        notes.push(
          whyBehind(k, w, hoist, peer, {
            node,
            sdk,
            start,
            lean: leanRow ? lean : undefined,
            nodeStart,
            peer: figuresOf(rows, w, peer[0]),
          }),
        );
    }
  }
  if (lines.length === 2) return ioText ?? 'Not measured in this run.';
  return [
    'The floors upload the same files with the same concurrency (8 files at a time; a big file as one streamed PUT, so with no multipart at all, but for the lean floor): ' +
      `\`${FLOOR_NODE}\` is test/bench/node-floor.mjs, hand-signed PUTs over node:http with no SDK; \`${FLOOR_SDK}\` is test/bench/sdk-floor.mjs, ` +
      "one PutObjectCommand per file with hoist's retry and checksum settings (the SDK's default agent and logger) and none of its engine; " +
      `\`${FLOOR_LEAN}\` is test/bench/lean-floor.ts: PUTs over node:http signed by the SDK's SignatureV4 as hoist's lean path ` +
      'signs them (its LeanSigner, bundled) and carrying the CRC32 header hoist sends by default: what issue 18 asks of each request, and no engine; ' +
      "for a big file, test/bench/lean-floor-parts.ts: a multipart upload in hoist's default shape (8 MiB parts, 4 at a time), each part " +
      'signed the same way with its CRC32 as a trailer, as the lean path sends a part, read and written 1 MiB at a time, Create and Complete ' +
      'through the SDK. ' +
      "They run under plain `node`, without hoist's bundle or its heap setting. They are not peers: they do none of what an uploader must " +
      `(retries, progress, cancel with cleanup, resume). \`${FLOOR_NODE_START}\` is Node itself started with nothing to run, and \`${FLOOR_START}\` hoist's own process doing nothing but start and exit.`,
    '',
    ...lines,
    '',
    ...(notes.length
      ? notes.map((n) => `- ${n}`)
      : compared
        ? ['hoist is ahead of every peer on every figure above.']
        : []),
    ...(ioText ? ['', ioText] : []),
  ].join('\n');
}
