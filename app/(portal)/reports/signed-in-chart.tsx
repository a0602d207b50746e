/**
 * Distinct users signed in per day, as a server-rendered SVG bar chart
 * (readable without JavaScript) with a table as its text alternative.
 */
export function SignedInChart({ days }: { days: { day: string; users: number }[] }) {
  const max = Math.max(1, ...days.map((d) => d.users))
  const width = 720
  const height = 180
  const barWidth = width / Math.max(1, days.length)
  const labelEvery = Math.ceil(days.length / 10)
  return (
    <figure className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="text-sm font-semibold">Users signed in per day</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 24}`} className="mt-3 w-full" role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">Users signed in per day</title>
        <desc id="chart-desc">{days.map((d) => `${d.day}: ${d.users}`).join('; ')}</desc>
        {days.map((d, i) => {
          const h = (d.users / max) * height
          return (
            <g key={d.day}>
              <rect x={i * barWidth + 2} y={height - h} width={Math.max(1, barWidth - 4)} height={h} className="fill-indigo-600">
                <title>{`${d.day}: ${d.users} user${d.users === 1 ? '' : 's'}`}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text x={i * barWidth + barWidth / 2} y={height + 16} textAnchor="middle" className="fill-slate-600 text-[10px]">
                  {d.day.slice(5)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer">The numbers</summary>
        <table className="data-table mt-2">
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Users signed in</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td>{d.users}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
