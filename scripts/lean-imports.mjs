// An esbuild plugin for the CLI's split bundle (build-cli.mjs). What the lean data path loads for a run of small files
// with keys in the environment, the SDK's signer (@smithy/signature-v4) and its environment credentials provider
// (@aws-sdk/credential-provider-env), imports a few helpers through index files of @smithy/core and @aws-sdk/core.
// esbuild splits the bundle by file, and those index files also lead to the code only the S3 client uses (its
// protocols' codecs, the middleware stack, the stream and date helpers): all of it landed in the chunks those two
// import, about 180 KB that every such run compiled and ran without using. Here their imports go straight to the
// files that define what they use. Measured with the built bundle under plain node: loading it took 61 -> 53 ms of
// CPU and `hoist --version` peaked at 58 -> 56 MB (10 runs each); on the keep-alive sink (test/bench/sink-s3.ts), one
// 10-byte file took 0.14 -> 0.13 s and peaked at 60 -> 58 MB (11 interleaved runs), 1,000 files of 64 KiB 1.39 ->
// 1.37 s and 74 -> 72 MB (9).
//
// If an SDK update has one of these packages import a helper not in the map below from an index that is in it,
// esbuild stops the build with "No matching export" naming it; a moved helper stops it with "Could not resolve". An
// import through an index not in the map builds as before, bringing its chunks back: test/cli/lazy-sdk.test.ts, which
// checks what a run of small files loads, fails then. The map is updated from the files that now define them.
import { join } from 'node:path';

/** Per importing package, per index it imports, each helper it uses and the file that defines it (in node_modules). */
const DIRECT = {
  '@smithy/signature-v4': {
    '@smithy/core/protocols': {
      escapeUri: '@smithy/core/dist-es/submodules/protocols/util-uri-escape/escape-uri.js',
      HttpRequest: '@smithy/core/dist-es/submodules/transport/httpRequest.js',
    },
    '@smithy/core/serde': {
      fromHex: '@smithy/core/dist-es/submodules/serde/util-hex-encoding/hex-encoding.js',
      toHex: '@smithy/core/dist-es/submodules/serde/util-hex-encoding/hex-encoding.js',
      fromUtf8: '@smithy/core/dist-es/submodules/serde/util-utf8/fromUtf8.js',
      toUint8Array: '@smithy/core/dist-es/submodules/serde/util-utf8/toUint8Array.js',
      isArrayBuffer: '@smithy/core/dist-es/submodules/serde/is-array-buffer/is-array-buffer.js',
      hasOwn: '@smithy/core/dist-es/submodules/transport/hasOwn.js',
      writeKey: '@smithy/core/dist-es/submodules/serde/writeKey.js',
    },
    '@smithy/core/client': {
      normalizeProvider: '@smithy/core/dist-es/submodules/transport/normalizeProvider.js',
    },
  },
  '@aws-sdk/credential-provider-env': {
    '@aws-sdk/core/client': {
      setCredentialFeature: '@aws-sdk/core/dist-es/submodules/client/setCredentialFeature.js',
    },
    '@smithy/core/config': {
      CredentialsProviderError: '@smithy/core/dist-es/submodules/config/property-provider/CredentialsProviderError.js',
    },
  },
};

/** The package a file in node_modules belongs to. */
function packageOf(file) {
  const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
  return m ? m[1].replace('\\', '/') : undefined;
}

/** The plugin; root is the checkout (where node_modules is). */
export function leanImports(root) {
  const modules = join(root, 'node_modules');
  return {
    name: 'lean-imports',
    setup(build) {
      build.onResolve({ filter: /^@(smithy|aws-sdk)\/core\/[a-z-]+$/ }, (args) => {
        const pkg = packageOf(args.importer);
        if (!pkg || !DIRECT[pkg]?.[args.path]) return undefined;
        return { path: `${pkg}|${args.path}`, namespace: 'lean-imports' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lean-imports' }, (args) => {
        const [pkg, index] = args.path.split('|');
        return {
          contents: Object.entries(DIRECT[pkg][index])
            .map(([name, file]) => `export { ${name} } from ${JSON.stringify(join(modules, file))};`)
            .join('\n'),
          resolveDir: root,
          loader: 'js',
        };
      });
    },
  };
}
