// A progress bar screen readers and Playwright can read: role="progressbar" with aria-valuenow/min/max.
export function ProgressBar({ percent, label, tone = 'active' }: { percent: number; label: string; tone?: string }) {
  const value = Math.round(Math.min(100, Math.max(0, percent)));
  return (
    <div
      className={`progress progress-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
    >
      <div className="progress-fill" style={{ transform: `scaleX(${value / 100})` }} />
    </div>
  );
}
