export interface FloorArgs {
  src: string;
  bucket: string;
  keyOrPrefix: string;
  endpoint: string;
  region: string;
}
export function floorArgs(script: string): FloorArgs;
export function runFloor(
  script: string,
  args: FloorArgs,
  put: (key: string, body: Buffer | NodeJS.ReadableStream, length: number) => Promise<void>,
  done: () => void,
): void;
