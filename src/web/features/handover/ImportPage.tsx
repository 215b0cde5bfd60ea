import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  IMPORT_TEMPLATE_HEADER,
  type ImportProblem,
  type ImportResult,
  toCsv,
} from '../../../shared/handover.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { problemMessage } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  StatusMessage,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useFormProblems } from '../auth/form.ts';
import { HANDOVER_QUERY_KEY, handoverApi } from './api.ts';
import { HandoverNav } from './HandoverNav.tsx';

interface Progress {
  phase: 'uploading' | 'checking' | 'importing';
  done: number;
  total: number;
}

const FILE_ID = 'handover-import-file';

/** Many appointments at once from a CSV file: checked row by row, imported all together or not at all. */
export function ImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('handover.import.title'));
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const progressLabel = useId();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();

  function downloadTemplate() {
    const csv = toCsv([
      [...IMPORT_TEMPLATE_HEADER],
      ['Jan Jansen', 'burgemeester', 'Deventer', '12-3-2026', 'j.jansen@deventer.nl'],
    ]);
    saveText(csv, 'voorbeeld-import.csv');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (progress) return;
    setFailure(null);
    setResult(null);
    const file = input.current?.files?.[0];
    if (!file) {
      form.report([{ fieldId: FILE_ID, message: t('handover.import.fileMissing') }]);
      return;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      form.report([{ fieldId: FILE_ID, message: t('handover.import.fileTooLarge') }]);
      return;
    }
    form.report([]);
    setProgress({ phase: 'uploading', done: 0, total: 0 });
    try {
      const outcome = await handoverApi.importCsv(file, (event) => {
        if (event.type === 'progress') setProgress({ phase: event.phase, done: event.done, total: event.total });
      });
      setResult(outcome);
      if (outcome.outcome === 'imported') {
        await queryClient.invalidateQueries({ queryKey: [...HANDOVER_QUERY_KEY, 'list'] });
      }
    } catch (error) {
      setFailure(problemMessage(t, error));
    } finally {
      setProgress(null);
    }
  }

  const progressText = progress
    ? progress.phase === 'uploading'
      ? t('handover.import.uploading')
      : t(`handover.import.${progress.phase}`, { done: progress.done, total: progress.total })
    : '';

  return (
    <>
      <Heading1>{t('handover.import.title')}</Heading1>
      <HandoverNav />
      <div className="weerbaar-handover-form">
        <Paragraph lead>{t('handover.import.lead')}</Paragraph>
        <Heading2>{t('handover.import.formatHeading')}</Heading2>
        <Paragraph>{t('handover.import.formatIntro')}</Paragraph>
        <UnorderedList>
          {IMPORT_COLUMNS.map((column) => (
            <UnorderedListItem key={column}>{t(`handover.import.columns.${column}`)}</UnorderedListItem>
          ))}
        </UnorderedList>
        <Paragraph>{t('handover.import.limits', { rows: IMPORT_MAX_ROWS })}</Paragraph>
        <ButtonGroup>
          <Button appearance="subtle-button" onClick={downloadTemplate}>
            {t('handover.import.template')}
          </Button>
        </ButtonGroup>

        <form noValidate onSubmit={(event) => void submit(event)}>
          <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
          <FormField invalid={Boolean(form.errorFor(FILE_ID))}>
            <div className="utrecht-form-field__label">
              <FormLabel htmlFor={FILE_ID}>{t('handover.import.file')}</FormLabel>
            </div>
            <FormFieldDescription id={`${FILE_ID}-description`} className="utrecht-form-field__description">
              {t('handover.import.fileDescription')}
            </FormFieldDescription>
            {form.errorFor(FILE_ID) && (
              <FormFieldErrorMessage id={`${FILE_ID}-error`} className="utrecht-form-field__error-message">
                {form.errorFor(FILE_ID)}
              </FormFieldErrorMessage>
            )}
            <div className="utrecht-form-field__input">
              <input
                ref={input}
                id={FILE_ID}
                type="file"
                accept=".csv,text/csv"
                className="weerbaar-file-input"
                aria-describedby={[`${FILE_ID}-description`, form.errorFor(FILE_ID) ? `${FILE_ID}-error` : '']
                  .filter(Boolean)
                  .join(' ')}
                aria-invalid={form.errorFor(FILE_ID) ? true : undefined}
              />
            </div>
          </FormField>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" aria-disabled={progress ? true : undefined}>
              {t('handover.import.submit')}
            </Button>
          </ButtonGroup>
        </form>
      </div>

      {progress && (
        <div className="weerbaar-progress">
          <p id={progressLabel}>{t('handover.import.progressLabel')}</p>
          <progress
            aria-labelledby={progressLabel}
            max={Math.max(1, progress.total)}
            value={progress.phase === 'uploading' ? undefined : progress.done}
          />
        </div>
      )}
      <StatusMessage type={progress ? 'info' : result?.outcome === 'imported' ? 'ok' : 'warning'}>
        {progressText || (result ? outcomeText(t, result) : '')}
      </StatusMessage>

      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {result?.outcome === 'imported' && (
        <Paragraph>
          <RouterLink to={WEB_PATHS.adminHandovers} end>
            {t('handover.import.toList')}
          </RouterLink>
        </Paragraph>
      )}
      {result?.outcome === 'rejected' && <Report problems={result.problems} />}
    </>
  );
}

/** The result in one sentence, for the live region. */
function outcomeText(t: TFunction, result: ImportResult): string {
  if (result.outcome === 'imported') return t('handover.import.imported', { count: result.imported });
  if (result.outcome === 'rejected') return t('handover.import.rejected', { count: result.problems.length });
  return result.code === 'email_taken' ? t('handover.import.failedTaken') : t('handover.import.failed');
}

function saveText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Report({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation();
  const rowText = (problem: ImportProblem) =>
    problem.row === null ? t('handover.import.wholeFile') : String(problem.row);
  const columnText = (problem: ImportProblem) =>
    problem.column ? t(`handover.import.columnNames.${problem.column}`) : '';
  const problemText = (problem: ImportProblem) =>
    t(`handover.problems.${problem.code}`, { value: problem.value ?? '', otherRow: problem.otherRow ?? '' });

  function download() {
    const rows = [
      [t('handover.import.row'), t('handover.import.column'), t('handover.import.problem'), t('handover.import.value')],
      ...problems.map((problem) => [rowText(problem), columnText(problem), problemText(problem), problem.value ?? '']),
    ];
    // Values from the file go back into a spreadsheet: toCsv neutralises anything that looks like a formula.
    saveText(toCsv(rows), t('handover.import.reportFileName'));
  }

  return (
    <section aria-labelledby="import-report">
      <Heading2 id="import-report">{t('handover.import.reportHeading')}</Heading2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="weerbaar-table-scroll" tabIndex={0} aria-labelledby="import-report-caption">
        <Table>
          <TableCaption id="import-report-caption">{t('handover.import.reportCaption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('handover.import.row')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('handover.import.column')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('handover.import.problem')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('handover.import.value')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {problems.map((problem) => (
              <TableRow key={`${problem.row}-${problem.column}-${problem.code}-${problem.value ?? ''}`}>
                <TableCell>{rowText(problem)}</TableCell>
                <TableCell>{columnText(problem)}</TableCell>
                <TableCell>{problemText(problem)}</TableCell>
                <TableCell>{problem.value ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      <ButtonGroup>
        <Button appearance="secondary-action-button" onClick={download}>
          {t('handover.import.downloadReport')}
        </Button>
      </ButtonGroup>
    </section>
  );
}
