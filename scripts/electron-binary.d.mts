export const ELECTRON_NODE: [number, number];
export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string; remedy: string };
export function electronBinary(root: string, nodeVersion?: string): ElectronBinary;
