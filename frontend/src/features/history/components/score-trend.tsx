/** A small inline chart of one resume's overall score across its versions (0–100). */
export function ScoreTrend({ scores }: { scores: number[] }) {
  if (scores.length < 2) return null;
  const width = 96;
  const height = 28;
  const step = width / (scores.length - 1);
  const points = scores.map((score, i) => `${(i * step).toFixed(1)},${(height - (score / 100) * height).toFixed(1)}`);
  return (
    <svg
      className="score-trend"
      role="img"
      aria-label={`Score trend: ${scores.join(", then ")}`}
      width={width}
      height={height}
      viewBox={`-2 -2 ${width + 4} ${height + 4}`}
    >
      <polyline points={points.join(" ")} fill="none" stroke="currentColor" strokeWidth="2" />
      {points.map((point) => {
        const [x, y] = point.split(",");
        return <circle key={point} cx={x} cy={y} r="2.5" fill="currentColor" />;
      })}
    </svg>
  );
}
