import { useTranslation } from 'react-i18next';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from '../../../shared/zelfscan/shipped.ts';
import type { SavedResultSummary } from '../../../shared/zelfscan-api.ts';
import { formatDate } from '../../i18n/time.ts';
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

const WIDTH = 200;
const BAR = 14;

/**
 * Per category, the previous score next to the current one: two bars drawn as inline SVG (decorative,
 * hidden from screen readers), with the same numbers in a table that the chart points at.
 */
export function ScoreChange({ previous, current }: { previous: SavedResultSummary; current: SavedResultSummary }) {
  const { t } = useTranslation();
  const text = useContentText();
  const rows = questionnaire.categories.map((category) => ({
    id: category.id,
    title: text(category.title),
    before: previous.categories.find((item) => item.category === category.id)?.score ?? null,
    now: current.categories.find((item) => item.category === category.id)?.score ?? null,
  }));
  const score = (value: number | null) => (value === null ? t('zelfscanSaved.change.notApplicable') : `${value}`);
  return (
    <section aria-labelledby="score-change">
      <Heading2 id="score-change">{t('zelfscanSaved.change.heading')}</Heading2>
      <Paragraph>{t('zelfscanSaved.change.intro', { date: formatDate(previous.createdAt) })}</Paragraph>
      <ul className="weerbaar-score-change" aria-describedby="score-change-table">
        {rows.map((row) => (
          <li key={row.id}>
            <span>{row.title}</span>
            <svg
              className="weerbaar-score-change__chart"
              width={WIDTH + 40}
              height={BAR * 2 + 6}
              viewBox={`0 0 ${WIDTH + 40} ${BAR * 2 + 6}`}
              aria-hidden="true"
              focusable="false"
            >
              <rect
                className="weerbaar-score-change__previous"
                x="0"
                y="0"
                width={((row.before ?? 0) * WIDTH) / 100}
                height={BAR}
              />
              <text x={((row.before ?? 0) * WIDTH) / 100 + 4} y={BAR - 3}>
                {score(row.before)}
              </text>
              <rect
                className="weerbaar-score-change__current"
                x="0"
                y={BAR + 6}
                width={((row.now ?? 0) * WIDTH) / 100}
                height={BAR}
              />
              <text x={((row.now ?? 0) * WIDTH) / 100 + 4} y={BAR * 2 + 3}>
                {score(row.now)}
              </text>
            </svg>
          </li>
        ))}
      </ul>
      <Table id="score-change-table">
        <TableCaption>{t('zelfscanSaved.change.caption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('zelfscanSaved.change.category')}</TableHeaderCell>
            <TableHeaderCell scope="col">
              {t('zelfscanSaved.change.previous', { date: formatDate(previous.createdAt) })}
            </TableHeaderCell>
            <TableHeaderCell scope="col">
              {t('zelfscanSaved.change.current', { date: formatDate(current.createdAt) })}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id}>
              <TableHeaderCell scope="row">{row.title}</TableHeaderCell>
              <TableCell>{score(row.before)}</TableCell>
              <TableCell>{score(row.now)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Paragraph>{t('zelfscanSaved.change.legend')}</Paragraph>
    </section>
  );
}
