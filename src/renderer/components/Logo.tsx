// The app mark (same drawing as resources/icon.svg), inline so no image request is needed.
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="60" height="60" rx="14" fill="#2f6fed" />
      <path d="M32 14 L47 31 H37 V48 H27 V31 H17 Z" fill="#ffffff" />
      <rect x="17" y="51" width="30" height="4" rx="2" fill="#ffffff" opacity="0.8" />
    </svg>
  );
}
