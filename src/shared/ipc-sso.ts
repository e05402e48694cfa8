// The contract for the app's SSO sign-in (Settings, an AWS profile of kind SSO). The page names only an AWS profile
// (main checks it against the profiles it lists) and a sign-in's id; main answers states, the user code and the page
// to visit, never a token. A sign-in is three steps: start (answers the code once the service gave one), wait (answers
// when the user approved, denied or let the code expire), and cancel.
import { z } from 'zod';
import { awsProfileNameSchema } from './settings-schema';
import type { MessageText } from './upload-state';

export const ssoProfilePayloadSchema = z.strictObject({ profile: awsProfileNameSchema });

/** A sign-in main started: ids are main's own random strings. */
export const ssoFlowPayloadSchema = z.strictObject({ flowId: z.string().regex(/^[\w-]{8,64}$/) });

/** The profile's cached SSO sign-in, as main read it from the token cache (~/.aws/sso/cache). */
export type SsoTokenState =
  /** ms since the epoch. */
  | { kind: 'valid'; expiresAt: number }
  | { kind: 'expired'; expiredAt: number }
  | { kind: 'missing' }
  /** The profile cannot sign in as it is written (no sso_region, an unknown sso-session, …): the message says why. */
  | { kind: 'unusable'; message: string; text?: MessageText };

/** Why a sign-in ended without a token. */
export type SsoFailure = 'denied' | 'expired' | 'network' | 'config' | 'other';

export type SsoSignInEnd =
  | { kind: 'signed-in'; expiresAt: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; reason: SsoFailure; message: string; text?: MessageText };

export type SsoSignInStart =
  | {
      kind: 'waiting';
      flowId: string;
      userCode: string;
      /** The page where the code is typed in (the browser was sent to the same page with the code filled in). */
      verificationUri: string;
      /** ms since the epoch: the code is refused after this. */
      codeExpiresAt: number;
      /** False when main did not open the page (not an https address, or the system refused): the user opens it. */
      browserOpened: boolean;
    }
  /** It ended before there was a code to show (the profile's SSO keys, the network), or a newer Sign in replaced it. */
  | Exclude<SsoSignInEnd, { kind: 'signed-in' }>;
