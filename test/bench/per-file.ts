// Splits a tool's CPU on small files into what it pays once per run and what it pays per file, from two runs on the
// keep-alive sink that differ only in how many files they send (the small workload's and the many-files one's): per
// file = the difference over the extra files, once = the small run's CPU less its files at that rate. A Node process
// pays more per file while its code is young (interpreted, then compiled by TurboFan on background threads, which
// counts as its CPU), so "once" holds that warm-up as well as the start.
import { digitGroups as n } from '../../src/shared/digit-groups';
import { figuresOf, type Figures } from './figures';
import type { Row } from './report';

export interface PerFileInputs {
  rows: Row[];
  /** The keep-alive workload (smallCount files) and the many-files one (manyCount files), on the same sink. */
  small: { workload: string; count: number };
  many: { workload: string; count: number };
  /** The tools to split, in order. */
  tools: string[];
}

export interface PerFileSplit {
  tool: string;
  small: Figures;
  many: Figures;
  /** CPU seconds per file beyond the small run's files. */
  perFile: number;
  /** CPU seconds of the small run that do not grow with its files. */
  once: number;
}

export function perFileSplits(i: PerFileInputs): PerFileSplit[] {
  const extra = i.many.count - i.small.count;
  if (extra <= 0) return [];
  const out: PerFileSplit[] = [];
  for (const tool of i.tools) {
    const small = figuresOf(i.rows, i.small.workload, tool);
    const many = figuresOf(i.rows, i.many.workload, tool);
    if (!small || !many) continue;
    const perFile = (many.cpu - small.cpu) / extra;
    out.push({ tool, small, many, perFile, once: small.cpu - perFile * i.small.count });
  }
  return out;
}

/** A negative "once" (a small run that cost less than its files at the bigger run's rate) says only that it is noise. */
export const onceText = (once: number): string => (once < 0 ? '–' : `${once.toFixed(2)} s`);
export const perFileText = (perFile: number): string => `${(perFile * 1000).toFixed(3)} ms`;

export function renderPerFile(i: PerFileInputs): string {
  const splits = perFileSplits(i);
  if (!splits.length) return '';
  return [
    `What each run pays once and what it pays per file, from the keep-alive sink's ${n(i.small.count)} files and the ` +
      `same kind of files ${n(i.many.count)} times (\`${i.many.workload}\`): per file is the CPU the extra ` +
      `${n(i.many.count - i.small.count)} files added, once is the ${n(i.small.count)}-file run's CPU less its files at ` +
      'that rate (– where that comes out below zero: too few files to tell). The two runs are medians of their own, ' +
      "one after the other, not interleaved with each other: the machine's pace between them moves both figures. " +
      'For a Node process, once holds its start and the warm-up of its code: its functions run ' +
      'interpreted at first, and V8 then compiles the hot ones with TurboFan on background threads, which counts as ' +
      "the process's CPU.",
    '',
    `| tool | CPU, ${n(i.small.count)} files | CPU, ${n(i.many.count)} files | per file | once |`,
    '|---|---:|---:|---:|---:|',
    ...splits.map(
      (s) =>
        `| ${s.tool} | ${s.small.cpu.toFixed(2)} s | ${s.many.cpu.toFixed(2)} s | ${perFileText(s.perFile)} | ${onceText(s.once)} |`,
    ),
  ].join('\n');
}
