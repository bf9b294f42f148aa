import { useI18n } from '../i18n/i18n.context';
import { ChartSvg } from './chart.svg';

export interface ShareBar {
  label: string;
  /** 0..1, or null when there is too little data. */
  share: number | null;
  /** "23 of 50" */
  detail: string;
  /** A pilot's result to compare with, drawn as a dashed line. */
  benchmark?: { label: string; share: number };
}

const WIDTH = 600;
const ROW = 78;
const LEFT = 14;
const RIGHT = 150;
const TRACK = WIDTH - LEFT - RIGHT;

/** Shares as horizontal bars from 0 to 100%, with the number written beside each bar. */
export function ShareBarChart({
  title,
  description,
  bars,
}: {
  title: string;
  description: string;
  bars: ShareBar[];
}) {
  const { t, percent } = useI18n();
  const height = bars.length * ROW + 28;
  return (
    <ChartSvg width={WIDTH} height={height} title={title} description={description}>
      <g className="chart__grid" aria-hidden="true">
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g key={tick}>
            <line x1={LEFT + tick * TRACK} x2={LEFT + tick * TRACK} y1={8} y2={height - 22} />
            <text
              x={LEFT + tick * TRACK}
              y={height - 6}
              textAnchor={tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle'}
            >
              {percent(tick)}
            </text>
          </g>
        ))}
      </g>
      {bars.map((bar, index) => {
        const top = index * ROW + 8;
        const barY = top + 22;
        return (
          <g key={bar.label}>
            <text className="chart__label" x={LEFT} y={top + 14}>
              {bar.label}
            </text>
            <rect className="chart__track" x={LEFT} y={barY} width={TRACK} height={22} rx={3} />
            {bar.share !== null && (
              <rect
                className="chart__bar"
                x={LEFT}
                y={barY}
                width={Math.max(2, bar.share * TRACK)}
                height={22}
                rx={3}
              />
            )}
            {bar.benchmark && (
              <g className="chart__benchmark">
                <line
                  x1={LEFT + bar.benchmark.share * TRACK}
                  x2={LEFT + bar.benchmark.share * TRACK}
                  y1={barY - 4}
                  y2={barY + 28}
                />
                <text x={LEFT + bar.benchmark.share * TRACK} y={barY + 42} textAnchor="middle">
                  {`${bar.benchmark.label} ${percent(bar.benchmark.share)}`}
                </text>
              </g>
            )}
            <text className="chart__value" x={LEFT + TRACK + 10} y={barY + 16}>
              {bar.share === null ? t.app.notAvailable : percent(bar.share)}
              <tspan className="chart__value-detail" dx={8}>
                {bar.detail}
              </tspan>
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}

/** Counts as vertical bars, the count written above each bar. */
export function CountBarChart({
  title,
  description,
  bars,
}: {
  title: string;
  description: string;
  bars: { label: string; value: number }[];
}) {
  const width = 600;
  const height = 240;
  const margin = { top: 26, bottom: 30, left: 12, right: 12 };
  const plotH = height - margin.top - margin.bottom;
  const slot = (width - margin.left - margin.right) / Math.max(1, bars.length);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <ChartSvg width={width} height={height} title={title} description={description}>
      <line
        className="chart__axis"
        x1={margin.left}
        x2={width - margin.right}
        y1={height - margin.bottom}
        y2={height - margin.bottom}
        aria-hidden="true"
      />
      {bars.map((bar, index) => {
        const h = (bar.value / max) * plotH;
        const x = margin.left + index * slot + slot * 0.18;
        const w = slot * 0.64;
        const top = height - margin.bottom - h;
        return (
          <g key={bar.label}>
            <rect className="chart__bar" x={x} y={top} width={w} height={Math.max(h, 0)} rx={3} />
            <text className="chart__value" x={x + w / 2} y={top - 8} textAnchor="middle">
              {bar.value}
            </text>
            <text className="chart__label" x={x + w / 2} y={height - 10} textAnchor="middle">
              {bar.label}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}
