/**
 * Distinct users signed in per day, as a server-rendered SVG bar chart
 * (readable without JavaScript): a y axis with gridlines, the day under the
 * bars and each bar's value on it, with a table as its text alternative. On a
 * narrow screen it scrolls inside its frame rather than shrinking its labels.
 */
const WIDTH = 720
const HEIGHT = 200
const LEFT = 40
const BOTTOM = 28
const TOP = 16

/** 0 and two round steps up to at least `max`. */
function ticks(max: number): number[] {
  const half = Math.max(1, max / 2)
  const magnitude = 10 ** Math.floor(Math.log10(half))
  const step = Math.max(1, Math.ceil(half / magnitude) * magnitude)
  return [0, step, step * 2]
}

export function SignedInChart({ days, timeZone }: { days: { day: string; users: number }[]; timeZone: string }) {
  const scale = ticks(Math.max(1, ...days.map((d) => d.users)))
  const top = scale[scale.length - 1]!
  const plotWidth = WIDTH - LEFT
  const plotHeight = HEIGHT - BOTTOM - TOP
  const barWidth = plotWidth / Math.max(1, days.length)
  const labelEvery = Math.ceil(days.length / 12)
  const showValues = days.length <= 31
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight
  return (
    <figure className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="text-sm font-semibold">Users signed in per day ({timeZone})</figcaption>
      <div className="mt-3 overflow-x-auto" tabIndex={0}>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="w-full min-w-[36rem]" role="img" aria-labelledby="chart-title chart-desc">
          <title id="chart-title">Users signed in per day</title>
          <desc id="chart-desc">{days.map((d) => `${d.day}: ${d.users}`).join('; ')}</desc>
          {scale.map((t) => (
            <g key={t}>
              <line x1={LEFT} x2={WIDTH} y1={y(t)} y2={y(t)} className="stroke-slate-200" />
              <text x={LEFT - 6} y={y(t) + 4} textAnchor="end" className="fill-slate-700 text-[12px]">
                {t}
              </text>
            </g>
          ))}
          <line x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + plotHeight} className="stroke-slate-400" />
          {days.map((d, i) => {
            const x = LEFT + i * barWidth
            const h = TOP + plotHeight - y(d.users)
            return (
              <g key={d.day}>
                <rect x={x + 2} y={y(d.users)} width={Math.max(1, barWidth - 4)} height={h} className="fill-indigo-600">
                  <title>{`${d.day}: ${d.users} user${d.users === 1 ? '' : 's'}`}</title>
                </rect>
                {showValues && d.users > 0 && (
                  <text x={x + barWidth / 2} y={y(d.users) - 3} textAnchor="middle" className="fill-slate-900 text-[11px]">
                    {d.users}
                  </text>
                )}
                {i % labelEvery === 0 && (
                  <text x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle" className="fill-slate-700 text-[12px]">
                    {d.day.slice(5)}
                  </text>
                )}
              </g>
            )
          })}
        </svg>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer">The numbers</summary>
        <table className="data-table mt-2">
          <thead>
            <tr>
              <th scope="col">{`Day (${timeZone})`}</th>
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
