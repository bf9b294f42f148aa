import { useId, type ReactNode } from 'react';

/** A chart's SVG: one image to screen readers, named by its title and described by its description. */
export function ChartSvg({
  width,
  height,
  title,
  description,
  children,
}: {
  width: number;
  height: number;
  title: string;
  description: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <svg
      className="chart__svg"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}
