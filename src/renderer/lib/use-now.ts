// The current time, re-read every second while `ticking` (a row counting down to its next retry). Rows that are not
// counting down do not re-render for it.
import { useEffect, useState } from 'react';

/**
 * Every render reads the clock itself; the interval only asks for those renders. (Keeping the time in state made
 * the first render after `ticking` turned on use the time the component mounted: a row that had uploaded for 10 s
 * showed "Retrying in 11 s" for a retry due in 1 s until the effect caught up.)
 */
export function useNow(ticking: boolean, intervalMs = 1000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(timer);
  }, [ticking, intervalMs]);
  return Date.now();
}
