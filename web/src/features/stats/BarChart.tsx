// A bar chart that a screen reader reads as a list: each row is its label, an SVG bar (hidden from
// assistive technology, it repeats the figure) and the figure in words. A withheld figure has a
// hatched stub and says it is withheld, never a number.
export interface Bar {
  key: string;
  label: string;
  /** undefined: withheld. */
  value: number | undefined;
  /** The figure as read: "45 คน" or the withheld text. */
  text: string;
}

export function BarChart({ id, caption, bars }: { id: string; caption: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  return (
    <figure class="bar-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <ul>
        {bars.map((b) => (
          <li key={b.key} data-testid={`${id}-${b.key}`}>
            <span class="bar-label">{b.label}</span>
            <svg class="bar" aria-hidden="true" focusable="false" width="100%" height="16">
              {b.value === undefined ? (
                <rect class="bar-withheld" x="0" y="0" width="40" height="16" />
              ) : (
                <rect class="bar-fill" x="0" y="0" width={`${(b.value / max) * 100}%`} height="16" />
              )}
            </svg>
            <span class="bar-value">{b.text}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
