export interface Bar {
  readonly label: string;
  readonly value: number;
}

const WIDTH = 720;
const HEIGHT = 200;
const AXIS = 18;

/** Vertical bars in plain SVG (one per day of the spend page), each with its value as a tooltip. */
export function BarChart({
  bars,
  title,
  format,
}: {
  bars: readonly Bar[];
  title: string;
  format: (v: number) => string;
}) {
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  const slot = WIDTH / Math.max(1, bars.length);
  const plot = HEIGHT - AXIS;
  return (
    <svg
      class="bar-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={title}
      preserveAspectRatio="none"
    >
      <title>{title}</title>
      <line x1="0" y1={plot} x2={WIDTH} y2={plot} class="axis" />
      {bars.map((bar, index) => {
        const height = max > 0 ? (bar.value / max) * (plot - 4) : 0;
        return (
          <g key={bar.label} class="bar">
            <rect
              x={index * slot + slot * 0.15}
              y={plot - height}
              width={slot * 0.7}
              height={Math.max(height, 0.5)}
            >
              <title>{`${bar.label}: ${format(bar.value)}`}</title>
            </rect>
            {index % 5 === 0 ? (
              <text x={index * slot + slot / 2} y={HEIGHT - 4} text-anchor="middle">
                {bar.label.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
