// The npm dependencies that the app's main bundle takes in (electron-vite's externalizeDeps.exclude) instead of
// loading from node_modules at run time. Each is imported at the main process's start (the engine's signer and error
// parser, the profile reader, the folder walk's patterns, the content types): loaded as packages, they bring their
// whole CommonJS builds and the @smithy helpers behind them; bundled, only what main uses. Measured with the bench's
// app engine on 1,000 small files: 90 MB peak RSS with them external, 80-81 MB bundled.
// The S3 client and the credential providers stay external: main loads them at the first control call or sign-in,
// and they are big enough that bundling would only move their cost into the build. Once they load, their own copies
// of these packages load from node_modules beside the bundled parts: a 64 MiB multipart upload (the client loaded)
// still peaked at 83-86 MB bundled against 85-88 MB external (3 runs each).
// zod stays external too: bundled, the app engine peaked higher (84 MB), as its whole build lands in the main file.
// Shared with the bench's app engine build (test/bench/app-engine.ts), so that it measures what the app runs.
export const MAIN_BUNDLED_DEPS = ['@smithy/signature-v4', '@smithy/core', '@aws-sdk/xml-builder', 'mime', 'minimatch'];
