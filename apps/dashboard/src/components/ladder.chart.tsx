import type { ClientDetail } from '../api/contract';
import { useI18n } from '../i18n/i18n.context';
import { ChartSvg } from './chart.svg';

type Measurement = ClientDetail['ladder'][number];

const WIDTH = 480;
const HEIGHT = 220;
const MARGIN = { top: 14, right: 14, bottom: 32, left: 34 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const RUNGS = [1, 2, 3, 4, 5, 6];
const DAY_MS = 86_400_000;

const y = (rung: number) => MARGIN.top + ((6 - rung) / 5) * PLOT_H;

/**
 * The participation ladder over time as a step line (a rung holds until the next measurement),
 * one dot per measurement in the colour of the partner that measured it. The SVG has a title and
 * a description, and the measurements are also a table.
 */
export function LadderChart({
  ladder,
  colours,
  partnerName,
  now = new Date(),
}: {
  ladder: Measurement[];
  colours: Map<string, string>;
  partnerName: (id: string) => string;
  now?: Date;
}) {
  const { t, date } = useI18n();
  const points = [...ladder].sort((a, b) => a.at.localeCompare(b.at));
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return <p className="muted">{t.client.ladderEmpty}</p>;

  const start = new Date(first.at).getTime();
  const end = Math.max(now.getTime(), new Date(last.at).getTime(), start + DAY_MS);
  const x = (iso: string) =>
    MARGIN.left + ((new Date(iso).getTime() - start) / (end - start)) * PLOT_W;
  const rungText = (rung: number) => `${rung} (${t.rungs[rung] ?? ''})`;
  const summary = t.client.ladderSummary(
    `${t.client.rung(first.rung)} (${t.rungs[first.rung] ?? ''}, ${date(first.at)})`,
    `${t.client.rung(last.rung)} (${t.rungs[last.rung] ?? ''}, ${date(last.at)})`,
    points.length,
  );

  // Horizontal while a rung holds, vertical at each new measurement, on to today.
  let path = `M ${x(first.at)} ${y(first.rung)}`;
  for (const point of points.slice(1)) path += ` H ${x(point.at)} V ${y(point.rung)}`;
  path += ` H ${MARGIN.left + PLOT_W}`;

  const tickFormat = new Intl.DateTimeFormat(t.locale, { month: 'short', year: '2-digit' });
  const ticks = [0, 1 / 3, 2 / 3, 1].map((f) => start + f * (end - start));

  return (
    <figure className="chart">
      <p className="chart__headline">
        <strong>{t.client.rung(last.rung)}</strong> – {t.rungs[last.rung]}
      </p>
      <ChartSvg width={WIDTH} height={HEIGHT} title={t.client.ladder} description={summary}>
        <g className="chart__grid" aria-hidden="true">
          {RUNGS.map((rung) => (
            <g key={rung}>
              <line x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(rung)} y2={y(rung)} />
              <text x={MARGIN.left - 10} y={y(rung)} dy="0.35em" textAnchor="end">
                {rung}
              </text>
            </g>
          ))}
          {ticks.map((tick, index) => (
            <text
              key={tick}
              x={MARGIN.left + (index / 3) * PLOT_W}
              y={HEIGHT - 10}
              textAnchor={index === 0 ? 'start' : index === 3 ? 'end' : 'middle'}
            >
              {tickFormat.format(new Date(tick))}
            </text>
          ))}
        </g>
        <path className="chart__line" d={path} aria-hidden="true" />
        {points.map((point, index) => (
          <circle
            key={`${point.at}-${index}`}
            className="chart__dot"
            cx={x(point.at)}
            cy={y(point.rung)}
            r={6}
            fill={colours.get(point.partnerId) ?? '#4a5662'}
          >
            <title>{`${date(point.at)}: ${t.client.rung(point.rung)}, ${partnerName(point.partnerId)}`}</title>
          </circle>
        ))}
      </ChartSvg>
      <figcaption className="visually-hidden">{summary}</figcaption>
      <details className="chart__table">
        <summary>{t.client.ladderTable}</summary>
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t.client.ladderColumns.date}</th>
              <th scope="col">{t.client.ladderColumns.rung}</th>
              <th scope="col">{t.client.ladderColumns.partner}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point, index) => (
              <tr key={`${point.at}-${index}`}>
                <td>
                  <time dateTime={point.at}>{date(point.at)}</time>
                </td>
                <td>{rungText(point.rung)}</td>
                <td>{partnerName(point.partnerId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
