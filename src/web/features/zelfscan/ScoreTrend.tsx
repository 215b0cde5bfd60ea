import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from '../../../shared/zelfscan/shipped.ts';
import type { SavedResultSummary } from '../../../shared/zelfscan-api.ts';
import { formatDate, formatShortDate } from '../../i18n/time.ts';
import {
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '../../ui/index.ts';
import { useContentText } from './content-text.ts';

const WIDTH = 320;
const HEIGHT = 180;
const PAD = { left: 34, right: 12, top: 12, bottom: 28 };
/** Line styles per category, so the lines differ by more than colour (WCAG 1.4.1). */
const STYLES = [
  { className: 'weerbaar-trend__line--1', dash: undefined, marker: 'circle' },
  { className: 'weerbaar-trend__line--2', dash: '6 3', marker: 'square' },
  { className: 'weerbaar-trend__line--3', dash: '2 3', marker: 'triangle' },
  { className: 'weerbaar-trend__line--4', dash: '10 3 2 3', marker: 'diamond' },
] as const;

/**
 * My scores per category over time, oldest left: a line chart (an SVG image with a name and a short
 * description) and the same numbers in a table, which is the chart's full text alternative.
 */
export function ScoreTrend({ results }: { results: readonly SavedResultSummary[] }) {
  const { t } = useTranslation();
  const text = useContentText();
  const titleId = useId();
  const descId = useId();
  const captionId = useId();
  const ordered = [...results].reverse();
  const x = (index: number) =>
    PAD.left + (ordered.length === 1 ? 0 : (index * (WIDTH - PAD.left - PAD.right)) / (ordered.length - 1));
  const y = (score: number) => PAD.top + ((100 - score) * (HEIGHT - PAD.top - PAD.bottom)) / 100;
  const series = questionnaire.categories.map((category, index) => ({
    id: category.id,
    title: text(category.title),
    style: STYLES[index % STYLES.length] ?? STYLES[0],
    points: ordered.map((result) => result.categories.find((item) => item.category === category.id)?.score ?? null),
  }));
  const first = ordered[0];
  const last = ordered.at(-1);
  if (!first || !last) return null;

  return (
    <section aria-labelledby="score-trend">
      <Heading2 id="score-trend">{t('zelfscanSaved.trend.heading')}</Heading2>
      <Paragraph>{t('zelfscanSaved.trend.intro')}</Paragraph>
      <figure className="weerbaar-trend">
        <svg
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          className="weerbaar-trend__chart"
        >
          <title id={titleId}>{t('zelfscanSaved.trend.chartTitle')}</title>
          <desc id={descId}>
            {t('zelfscanSaved.trend.chartDescription', {
              count: ordered.length,
              from: formatDate(first.createdAt),
              to: formatDate(last.createdAt),
            })}
          </desc>
          {[0, 50, 100].map((score) => (
            <g key={score} className="weerbaar-trend__grid">
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(score)} y2={y(score)} />
              <text x={PAD.left - 6} y={y(score) + 4} textAnchor="end">
                {score}
              </text>
            </g>
          ))}
          {ordered.map((result, index) => (
            <text
              key={result.id}
              className="weerbaar-trend__axis"
              x={x(index)}
              y={HEIGHT - 8}
              textAnchor={index === 0 && ordered.length > 1 ? 'start' : index === ordered.length - 1 ? 'end' : 'middle'}
            >
              {index === 0 || index === ordered.length - 1 ? formatShortDate(result.createdAt) : ''}
            </text>
          ))}
          {series.map((line) => {
            const drawn = line.points.flatMap((score, index) => (score === null ? [] : [{ x: x(index), y: y(score) }]));
            return (
              <g key={line.id} className={`weerbaar-trend__line ${line.style.className}`}>
                <polyline
                  points={drawn.map((point) => `${point.x},${point.y}`).join(' ')}
                  fill="none"
                  strokeDasharray={line.style.dash}
                />
                {drawn.map((point) => (
                  <Marker key={`${point.x}`} shape={line.style.marker} x={point.x} y={point.y} />
                ))}
              </g>
            );
          })}
        </svg>
        <figcaption>
          <ul className="weerbaar-trend__legend">
            {series.map((line) => (
              <li key={line.id}>
                <svg width="36" height="12" viewBox="0 0 36 12" aria-hidden="true" focusable="false">
                  <g className={`weerbaar-trend__line ${line.style.className}`}>
                    <line x1="0" x2="36" y1="6" y2="6" strokeDasharray={line.style.dash} />
                    <Marker shape={line.style.marker} x={18} y={6} />
                  </g>
                </svg>{' '}
                {line.title}
              </li>
            ))}
          </ul>
        </figcaption>
      </figure>
      {/* Wider than a phone with many categories: it scrolls in its own box, reachable by keyboard. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="weerbaar-trend__table" tabIndex={0} aria-labelledby={captionId}>
        <Table>
          <TableCaption id={captionId}>{t('zelfscanSaved.trend.caption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('zelfscanSaved.trend.date')}</TableHeaderCell>
              {series.map((line) => (
                <TableHeaderCell key={line.id} scope="col">
                  {line.title}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {ordered.map((result, index) => (
              <TableRow key={result.id}>
                <TableHeaderCell scope="row">{formatDate(result.createdAt)}</TableHeaderCell>
                {series.map((line) => (
                  <TableCell key={line.id}>{line.points[index] ?? t('zelfscanSaved.change.notApplicable')}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </section>
  );
}

function Marker({ shape, x, y }: { shape: (typeof STYLES)[number]['marker']; x: number; y: number }) {
  if (shape === 'circle') return <circle cx={x} cy={y} r="4" />;
  if (shape === 'square') return <rect x={x - 4} y={y - 4} width="8" height="8" />;
  if (shape === 'triangle') return <path d={`M${x} ${y - 5}L${x + 5} ${y + 4}H${x - 5}Z`} />;
  return <path d={`M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z`} />;
}
