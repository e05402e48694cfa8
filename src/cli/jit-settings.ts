// When V8 compiles the CLI's hot functions with TurboFan. bin/hoist.cjs sets this once the bundle has loaded, before
// the command runs: a function's budget is set when its feedback vector is allocated, after its first calls, so every
// function the upload runs gets the new one. The desktop app's main process keeps V8's default: it lives for hours,
// and whatever its warm-up costs is paid once.
//
// Why: a command is a short process, and most of its functions run once or a few times per file. V8 11.3 (Node 20)
// counts the bytecode a function runs against its interrupt budget (about 66 KB) and marks it for TurboFan after one
// or a few budgets' worth (more for a large function); for a thousand small files that marks the per-file functions
// a few hundred files in, and compiling them (on V8's background threads, which count as the process's CPU) costs
// more than the files left gain from it: `--trace-opt` showed 123 functions compiled in such a
// run, some of them tens of ms each (the signer's signRequest twice, JobMaker.make, the body's pump). Twice the
// budget leaves the functions that run per file to the interpreter and Sparkplug longer, and still compiles those
// that run per chunk or per request. Measured with bin/hoist.cjs on the keep-alive sink (test/bench/sink-s3.ts), CPU,
// medians of interleaved runs: 1,000 × 64 KiB 1.67 → 1.41 s (9 runs; rclone 1.16 s); 100 × 64 KiB 0.29 → 0.28 s (7);
// 1 GiB 1.59 → 1.57 s (3); 10,000 × 64 KiB 9.60 → 9.72 s (3: its per-file functions reach TurboFan later, a cost
// paid once per run). Three times the budget gave about 1.43 s for 1,000 files but 10.28 s (against 9.45) for 10,000;
// --no-opt 1.67 s and 15.0 s (against 1.94 and 10.22).
//
// Only on V8 11 (Node 20, which the project pins): later V8s tier up by counting calls and have no --interrupt-budget,
// and V8 prints "unrecognized flag" for a flag it does not know, on every command. There hoist keeps V8's own choice.
import v8 from 'node:v8';

/** V8 11.3's (Node 20's) default interrupt budget, in bytes of bytecode run. */
export const V8_DEFAULT_INTERRUPT_BUDGET = 67_584;
export const CLI_INTERRUPT_BUDGET = 2 * V8_DEFAULT_INTERRUPT_BUDGET;

/** Whether this V8 tiers up by the interrupt budget measured above. */
export function tiersByInterruptBudget(v8Version: string = process.versions.v8): boolean {
  return /^11\./.test(v8Version);
}

/** Sets the budget where it applies. */
export function settleCliTiering(): void {
  if (tiersByInterruptBudget()) v8.setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
}
