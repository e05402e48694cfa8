export function appBuildIsCurrent(root: string): boolean;
export function buildApp(root: string): number;
