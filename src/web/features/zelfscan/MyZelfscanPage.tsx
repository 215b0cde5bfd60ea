import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from '../../../shared/zelfscan/shipped.ts';
import type { SavedResult } from '../../../shared/zelfscan-api.ts';
import { ApiError } from '../../api/client.ts';
import { formatDate } from '../../i18n/time.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Button,
  ButtonGroup,
  ConfirmDialog,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  StatusMessage,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useContentText } from './content-text.ts';
import type { MyZelfscansState } from './MyZelfscansPage.tsx';
import { ResultPdfDownload, SavedResultWork } from './SavedResultActions.tsx';
import { useDeleteResult, useSavedResult } from './saved-results.ts';
import { TrafficLight } from './TrafficLight.tsx';
import '../../ui/prose.css';
import './zelfscan.css';
import './zelfscan-saved.css';

/** One of my saved results, reopened: its lights, the change since the one before, the plan to go on with. */
export function MyZelfscanPage() {
  const { t } = useTranslation();
  const { resultId = '' } = useParams();
  const result = useSavedResult(resultId);
  const title = result.data
    ? t('zelfscanSaved.mine.itemLink', { date: formatDate(result.data.createdAt) })
    : t('zelfscanSaved.mine.title');
  usePageTitle(title);

  if (result.isError) {
    const gone = result.error instanceof ApiError && [400, 404].includes(result.error.status);
    return (
      <div className="weerbaar-prose">
        <Heading1>{gone ? t('zelfscanSaved.mine.notFound') : t('zelfscanSaved.mine.title')}</Heading1>
        <StatusMessage type="warning">{gone ? null : t('zelfscanSaved.mine.failed')}</StatusMessage>
        <Paragraph>
          <RouterLink to={WEB_PATHS.myZelfscans}>{t('zelfscanSaved.mine.back')}</RouterLink>
        </Paragraph>
      </div>
    );
  }
  if (!result.data) return null;
  return (
    <div className="weerbaar-result weerbaar-prose">
      <Heading1>{title}</Heading1>
      <Paragraph>
        <RouterLink to={WEB_PATHS.myZelfscans}>{t('zelfscanSaved.mine.back')}</RouterLink>
      </Paragraph>
      <Categories result={result.data} />
      <ResultPdfDownload resultId={result.data.id} />
      <SavedResultWork result={result.data} />
      <DeleteResult resultId={result.data.id} />
    </div>
  );
}

function Categories({ result }: { result: SavedResult }) {
  const { t } = useTranslation();
  const text = useContentText();
  if (result.categories.length === 0) return <Paragraph>{t('zelfscanSaved.pdf.oldVersion')}</Paragraph>;
  return (
    <section aria-labelledby="result-categories">
      <Heading2 id="result-categories">{t('zelfscan.result.categoriesHeading')}</Heading2>
      <ul className="weerbaar-categories">
        {result.categories.map((outcome) => {
          const category = questionnaire.categories.find((candidate) => candidate.id === outcome.category);
          if (!category) return null;
          return (
            <li key={outcome.category} className={`weerbaar-category weerbaar-category--${outcome.light}`}>
              <Heading3>{text(category.title)}</Heading3>
              <TrafficLight light={outcome.light} />
              <Paragraph>{t(`zelfscan.result.explanation.${outcome.explanation}`)}</Paragraph>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Deleting a result and its plan (the right to erasure): after a confirmation, back to the list. */
function DeleteResult({ resultId }: { resultId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const remove = useDeleteResult();
  const confirm = () => {
    setAsking(false);
    remove.mutate(resultId, {
      onSuccess: () => {
        const state: MyZelfscansState = { deleted: true };
        void navigate(WEB_PATHS.myZelfscans, { replace: true, state });
      },
    });
  };
  return (
    <section aria-labelledby="delete-result" className="weerbaar-no-print">
      <Heading2 id="delete-result">{t('zelfscanSaved.delete.heading')}</Heading2>
      <Paragraph>{t('zelfscanSaved.delete.intro')}</Paragraph>
      <ButtonGroup>
        <Button appearance="secondary-action-button" busy={remove.isPending} onClick={() => setAsking(true)}>
          {t('zelfscanSaved.delete.button')}
        </Button>
      </ButtonGroup>
      <StatusMessage type="warning">{remove.isError ? t('zelfscanSaved.delete.failed') : null}</StatusMessage>
      <ConfirmDialog
        open={asking}
        title={t('zelfscanSaved.delete.confirmTitle')}
        confirmLabel={t('zelfscanSaved.delete.confirm')}
        cancelLabel={t('zelfscanSaved.delete.cancel')}
        onConfirm={confirm}
        onCancel={() => setAsking(false)}
      >
        <Paragraph>{t('zelfscanSaved.delete.confirmBody')}</Paragraph>
      </ConfirmDialog>
    </section>
  );
}
