// Whether the window is narrower than a width, kept up to date as it is resized. Read from window.innerWidth (not a
// CSS media query) because what changes is which elements exist: below the width the header's buttons move into a
// menu, and a button hidden by CSS would still be found by name by tests and by assistive technology.
import { useEffect, useState } from 'react';

export const NARROW_HEADER_PX = 900;

export function useNarrowWindow(belowPx = NARROW_HEADER_PX): boolean {
  const [narrow, setNarrow] = useState(() => window.innerWidth < belowPx);
  useEffect(() => {
    const onResize = () => setNarrow(window.innerWidth < belowPx);
    onResize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [belowPx]);
  return narrow;
}
