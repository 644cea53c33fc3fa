/**
 * A progress ring (SVG) for hours against a requirement. The ring is decoration: the
 * figures are in the accessible name (role="img") and printed beside it, so colour and
 * shape never carry the meaning alone. Past 100 % the ring stays full.
 */
export function ProgressRing({
  value,
  max,
  label,
  centre,
  size = 132,
  testId = "progress-ring",
}: {
  value: number;
  max: number;
  /** The accessible name, e.g. "38.5 of 60 hours (64 %)". */
  label: string;
  /** Big text in the middle (e.g. "64%"). */
  centre: string;
  size?: number;
  testId?: string;
}) {
  const stroke = 12;
  const radius = (size - stroke) / 2;
  const circumference = 2 * Math.PI * radius;
  const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : value > 0 ? 1 : 0;
  const met = max <= 0 || value >= max;
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-value={value}
      data-max={max}
      className="shrink-0"
    >
      <title>{label}</title>
      <circle cx={size / 2} cy={size / 2} r={radius} fill="none" stroke="#e2e8f0" strokeWidth={stroke} />
      <circle
        cx={size / 2}
        cy={size / 2}
        r={radius}
        fill="none"
        stroke={met ? "#1f7a4d" : "#b45309"}
        strokeWidth={stroke}
        strokeLinecap="round"
        strokeDasharray={`${circumference * share} ${circumference}`}
        transform={`rotate(-90 ${size / 2} ${size / 2})`}
      />
      <text x="50%" y="50%" dominantBaseline="central" textAnchor="middle" fontSize={size / 5.5} fontWeight={600} fill="#0f172a">
        {centre}
      </text>
    </svg>
  );
}
