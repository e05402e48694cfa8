import type { BuildOptions } from 'esbuild';

export const NODE_ESM_BUNDLE: BuildOptions;
