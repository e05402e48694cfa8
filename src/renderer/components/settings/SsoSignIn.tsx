// Beside a chosen AWS profile of kind SSO: whether its cached sign-in is valid (until when), expired or missing, and a
// "Sign in…" button that runs the device sign-in in main. While it waits, the user code shows with the page to approve
// it on (main has opened it in the browser) and a Cancel; it ends with "Signed in" or the reason it did not. The page
// names only the profile and the sign-in's id: main reads and writes the token cache, and no token comes here.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language, Translate } from '../../../shared/i18n';
import type { SsoSignInEnd, SsoSignInStart, SsoTokenState } from '../../../shared/ipc';
import { errorText } from '../../lib/error-text';
import { useApi, useLanguage, useT } from '../../store/context';
import './sso-sign-in.css';

export interface SsoSignInProps {
  /** The AWS profile's name, as main listed it (of kind sso). */
  profile: string;
}

type Status = { kind: 'checking' } | { kind: 'known'; state: SsoTokenState } | { kind: 'unknown'; message: string };

type Flow =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'waiting'; started: Extract<SsoSignInStart, { kind: 'waiting' }> }
  | { kind: 'ended'; end: SsoSignInEnd };

/** A time of the sign-in's: the short time, with the date when it is not today. */
export function signInTime(ms: number, language: Language, now: number = Date.now()): string {
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
  const style: Intl.DateTimeFormatOptions = sameDay
    ? { timeStyle: 'short' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(language, style).format(ms);
}

function stateText(status: Status, t: Translate, language: Language): string {
  if (status.kind === 'checking') return t('ssoApp.state.checking');
  if (status.kind === 'unknown') return status.message;
  const { state } = status;
  switch (state.kind) {
    case 'valid':
      return t('ssoApp.state.valid', { time: signInTime(state.expiresAt, language) });
    case 'expired':
      return t('ssoApp.state.expired');
    case 'missing':
      return t('ssoApp.state.missing');
    case 'unusable':
      return errorText(state, t);
  }
}

function endText(end: SsoSignInEnd, t: Translate): string {
  if (end.kind === 'signed-in') return t('ssoApp.signedIn');
  if (end.kind === 'cancelled') return t('ssoApp.cancelled');
  return errorText(end, t);
}

export function SsoSignIn({ profile }: SsoSignInProps) {
  const api = useApi();
  const t = useT();
  const language = useLanguage();
  const [status, setStatus] = useState<Status>({ kind: 'checking' });
  const [flow, setFlow] = useState<Flow>({ kind: 'idle' });
  /** The running sign-in's id, so that leaving the profile (or the form) cancels it. */
  const running = useRef<string | null>(null);

  const check = useCallback(() => {
    setStatus({ kind: 'checking' });
    api.ssoStatus(profile).then(
      (state) => setStatus({ kind: 'known', state }),
      (err: unknown) => setStatus({ kind: 'unknown', message: (err as Error).message }),
    );
  }, [api, profile]);

  useEffect(() => {
    check();
    setFlow({ kind: 'idle' });
    return () => {
      if (running.current) void api.ssoCancel(running.current).catch(() => undefined);
      running.current = null;
    };
  }, [api, check]);

  const signIn = async () => {
    setFlow({ kind: 'starting' });
    try {
      const started = await api.ssoSignIn(profile);
      if (started.kind !== 'waiting') return setFlow({ kind: 'ended', end: started });
      running.current = started.flowId;
      setFlow({ kind: 'waiting', started });
      const end = await api.ssoWait(started.flowId);
      // Another profile chosen meanwhile: that one's panel shows now, and this outcome is stale.
      if (running.current !== started.flowId) return;
      running.current = null;
      setFlow({ kind: 'ended', end });
      check();
    } catch (err) {
      running.current = null;
      setFlow({ kind: 'ended', end: { kind: 'failed', reason: 'other', message: (err as Error).message } });
    }
  };

  const cancel = () => {
    if (flow.kind === 'waiting') void api.ssoCancel(flow.started.flowId).catch(() => undefined);
  };

  const busy = flow.kind === 'starting' || flow.kind === 'waiting';
  const tone = status.kind === 'known' ? status.state.kind : status.kind;
  return (
    <div className="sso-sign-in credential-wide">
      <div className="sso-state-row">
        <span className={`sso-state sso-state-${tone}`} role="status">
          {stateText(status, t, language)}
        </span>
        {!busy && (
          <button type="button" className="button-small" onClick={() => void signIn()}>
            {t('ssoApp.signIn')}
          </button>
        )}
      </div>
      {flow.kind === 'starting' && <p className="sso-note">{t('ssoApp.starting')}</p>}
      {flow.kind === 'waiting' && (
        <div className="sso-code-box">
          <p className="sso-note">
            {flow.started.browserOpened
              ? t('ssoApp.browserOpened')
              : t('ssoApp.openYourself', { url: flow.started.verificationUri })}
          </p>
          <div className="sso-code-row">
            <span className="sso-code-label" id="sso-code-label">
              {t('ssoApp.codeLabel')}
            </span>
            <output className="sso-code" aria-labelledby="sso-code-label">
              {flow.started.userCode}
            </output>
          </div>
          <p className="sso-note">
            {t('ssoApp.codeUntil', { time: signInTime(flow.started.codeExpiresAt, language) })}
          </p>
          <div className="sso-state-row">
            <span className="sso-waiting" aria-live="polite">
              {t('ssoApp.waiting')}
            </span>
            <button type="button" className="button-small" onClick={cancel}>
              {t('ssoApp.cancel')}
            </button>
          </div>
        </div>
      )}
      {flow.kind === 'ended' && (
        <p
          className={`sso-outcome sso-outcome-${flow.end.kind}`}
          role={flow.end.kind === 'failed' ? 'alert' : 'status'}
        >
          {endText(flow.end, t)}
        </p>
      )}
    </div>
  );
}
