// `hoist login [--profile NAME]`: the SSO device sign-in of a profile with sso_session (or the legacy sso_start_url
// and sso_region keys), as `aws sso login` does it. The flow is the engine's (sso-login.ts); this prints the code and
// the page, opens the browser where it can, and turns the outcome into an exit code. The token cache it writes is the
// one hoist cp --profile and the AWS CLI read.
import { spawn } from 'node:child_process';
import { HoistError, SSO_CONFIG_CODE, ssoLogin, type SsoDeviceCode } from '../engine';
import { parseArgs, UsageError, type OptionSpecs } from './args';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK } from './cp-command';
import { wantsHelp } from './cp-options';
import { safeText } from './format';
import type { CliIo, Output } from './report';
import { onInterrupt } from './signals';

export const LOGIN_SUMMARY = 'sign in to an AWS SSO (IAM Identity Center) profile';
export const LOGIN_HELP = `Usage: hoist login [--profile NAME] [--no-browser]

Signs in to an AWS profile that uses SSO (IAM Identity Center), as
\`aws sso login\` does: Hoist shows a code and a page, you approve the
sign-in there, and the sign-in is saved in ~/.aws/sso/cache, where
\`hoist cp --profile NAME\` and the AWS CLI both find it.

The profile needs sso_session (with an [sso-session NAME] section giving
sso_start_url and sso_region), or the older sso_start_url and sso_region
keys in the profile itself.

Options:
  --profile NAME        the profile in ~/.aws/config (default $AWS_PROFILE,
                        else "default")
  --no-browser          only print the page and the code; do not open a
                        browser (for a remote shell)
  -h, --help            show this help

Environment: AWS_CONFIG_FILE, AWS_ENDPOINT_URL_SSO_OIDC (another sign-in
service, for tests).

Exit status: 0 signed in; 1 the sign-in was denied, expired or could not be
made; 2 usage error (no such profile, not an SSO profile, missing keys);
130 interrupted.
`;

const CMD = 'login';
const LOGIN_OPTIONS: OptionSpecs = {
  profile: { type: 'string' },
  browser: { type: 'boolean' },
  debug: { type: 'boolean' },
};

export async function runLogin(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(LOGIN_HELP);
    return EXIT_OK;
  }
  const { positionals, values } = parseArgs(argv, LOGIN_OPTIONS, CMD);
  if (positionals.length)
    throw new UsageError(`hoist login takes no arguments (got "${positionals[0]}"); use --profile NAME.`, CMD);
  const flag = values.profile as string | undefined;
  if (flag !== undefined && !flag.trim())
    throw new UsageError('--profile is empty. Give the name of a profile in ~/.aws/config.', CMD);
  const profile = flag ?? (io.env.AWS_PROFILE || 'default');
  const openBrowser = values.browser !== false;

  const stop = new AbortController();
  let interrupted = false;
  const stopListening = onInterrupt(
    () => {
      interrupted = true;
      stop.abort(new Error('Interrupted.'));
    },
    () => process.exit(EXIT_INTERRUPTED),
  );
  try {
    const result = await ssoLogin(
      profile,
      {
        signal: stop.signal,
        onCode: (code, config) => {
          io.stdout.write(`Signing in to AWS profile "${safeText(profile)}" at ${safeText(config.startUrl)}.\n`);
          showCode(io.stdout, code);
          if (openBrowser && openInBrowser(code.url, io.env))
            io.stdout.write('The page is being opened in your browser.\n');
          io.stdout.write('Waiting for the sign-in to be approved…\n');
        },
      },
      io.env,
    );
    io.stdout.write(
      `Signed in to AWS profile "${safeText(profile)}" until ${result.expiresAt.toISOString().replace(/\.\d+Z$/, 'Z')}.\n` +
        `Saved in ${safeText(result.cacheFile)} (the AWS CLI reads it too).\n`,
    );
    return EXIT_OK;
  } catch (err) {
    if (interrupted) {
      io.stderr.write('hoist: sign-in cancelled; nothing was saved.\n');
      return EXIT_INTERRUPTED;
    }
    // The profile's own fault is a usage error (exit 2), as for --profile everywhere else.
    if (err instanceof HoistError && err.code === SSO_CONFIG_CODE) throw new UsageError(err.message, CMD);
    if (err instanceof HoistError) {
      io.stderr.write(`hoist: ${safeText(err.message)}\n`);
      return EXIT_FAILED;
    }
    throw err;
  } finally {
    stopListening();
  }
}

function showCode(out: Output, code: SsoDeviceCode): void {
  const until = code.expiresAt
    .toISOString()
    .replace(/:\d\d\.\d+Z$/, ' UTC')
    .replace('T', ' ');
  out.write(
    `\nOpen this page in a browser:\n\n    ${safeText(code.url)}\n\n` +
      `and check that it shows this code (or type it in at ${safeText(code.verificationUri)}):\n\n` +
      `    ${safeText(code.userCode)}\n\nThe code works until ${until}.\n`,
  );
}

/**
 * Opens the page with the system's opener, never waiting for it and never failing: without one (a server, a
 * container, no display) the printed page and code are enough. True when an opener was started.
 */
function openInBrowser(url: string, env: NodeJS.ProcessEnv): boolean {
  const [command, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', `"${url}"`]
        : ['xdg-open', url];
  // On Linux without a display, xdg-open would start a text browser in this terminal, over the code.
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
  try {
    // Verbatim on Windows, so that cmd gets start's empty title and the quoted URL (its & unbroken) as written.
    const child = spawn(command!, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
