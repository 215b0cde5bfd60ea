import { useTranslation } from 'react-i18next';
import {
  Heading2,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '../../ui/index.ts';
import type { QueueResponse } from '../cases/data.ts';

export const COUNT_KEYS = ['unassigned', 'mine', 'dueSoon', 'late', 'shared'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

/**
 * The queue's counts as bars, because sizes are seen faster than read. Every bar carries its label and
 * number as text, and the same numbers are in a table right below for anyone who prefers one.
 */
export function QueueCounts({ counts, keys }: { counts: QueueResponse['counts']; keys: readonly CountKey[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...keys.map((key) => counts[key]));
  return (
    <section aria-labelledby="queue-counts-heading" className="weerbaar-queue-counts">
      <Heading2 id="queue-counts-heading">{t('staff.queue.countsHeading')}</Heading2>
      <div className="weerbaar-bars" aria-hidden="true">
        {keys.map((key) => (
          <div key={key} className="weerbaar-bars__row">
            <span className="weerbaar-bars__label">{t(`staff.queue.view.${key}`)}</span>
            <span className="weerbaar-bars__track">
              <span
                className={`weerbaar-bars__bar weerbaar-bars__bar--${key}`}
                style={{ inlineSize: `${(counts[key] / max) * 100}%` }}
              />
            </span>
            <span className="weerbaar-bars__value">{counts[key]}</span>
          </div>
        ))}
      </div>
      <Table className="weerbaar-counts-table">
        <TableCaption>{t('staff.queue.countsCaption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('staff.queue.countsView')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('staff.queue.countsNumber')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {keys.map((key) => (
            <TableRow key={key}>
              <TableHeaderCell scope="row">{t(`staff.queue.view.${key}`)}</TableHeaderCell>
              <TableCell>{counts[key]}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
