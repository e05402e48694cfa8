// A progress bar screen readers and Playwright can read: role="progressbar" with aria-valuenow/min/max.
//
// One rule for every bar: the solid part is what the server has confirmed (it never goes back), the lighter part
// behind it what is sent but not yet answered (it may shrink when a request fails). aria-valuenow is the confirmed
// percent; aria-valuetext tells both while bytes are in flight.
import { useT } from '../store/context';

const clamp = (n: number) => Math.round(Math.min(100, Math.max(0, n)));

export function ProgressBar({
  percent,
  inFlight,
  label,
  tone = 'active',
}: {
  /** Confirmed, in percent. */
  percent: number;
  /** Confirmed plus in flight, in percent; taken as `percent` when lower or absent. */
  inFlight?: number;
  label: string;
  tone?: string;
}) {
  const t = useT();
  const value = clamp(percent);
  const sent = Math.max(value, clamp(inFlight ?? value));
  return (
    <div
      className={`progress progress-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={sent > value ? t('aria.progressValue', { confirmed: value, sent }) : undefined}
      data-sent={sent}
    >
      {/* Both parts are scaled, never resized (see .progress-fill in styles.css); the lighter one lies under. */}
      <div className="progress-sent" style={{ transform: `scaleX(${sent / 100})` }} />
      <div className="progress-fill" style={{ transform: `scaleX(${value / 100})` }} />
    </div>
  );
}
