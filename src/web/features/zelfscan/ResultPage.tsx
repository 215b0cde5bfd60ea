import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { validateAnswerSet } from '../../../shared/zelfscan/answers.ts';
import { evaluate, type ZelfscanResult } from '../../../shared/zelfscan/evaluate.ts';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from '../../../shared/zelfscan/shipped.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Button, ButtonGroup, Heading1, Heading2, Heading3, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useContentText } from './content-text.ts';
import { type ScanState, useScanStore } from './store.ts';
import { TipList } from './TipList.tsx';
import { TrafficLight } from './TrafficLight.tsx';
import '../../ui/prose.css';
import './zelfscan.css';

interface Props {
  /**
   * Extra actions under the result, given the answers and the result. Empty for anonymous people; the
   * signed-in part plugs its "save to my action plan" in here.
   */
  actions?: (scan: ScanState, result: ZelfscanResult) => ReactNode;
}

/** The result of a finished scan, worked out here in the browser from the answers in this tab. */
export function ResultPage({ actions }: Props) {
  const { t } = useTranslation();
  const text = useContentText();
  const navigate = useNavigate();
  const store = useScanStore();
  usePageTitle(t('zelfscan.result.title'));
  const scan = useMemo(() => store.load(questionnaire), [store]);
  const result = useMemo(() => {
    if (!scan) return null;
    const complete = validateAnswerSet(questionnaire, { version: scan.version, answers: scan.answers });
    return complete.success ? evaluate(questionnaire, complete.data) : null;
  }, [scan]);

  if (!scan || !result) {
    return (
      <div className="weerbaar-prose">
        <Heading1>{t('zelfscan.result.noResultTitle')}</Heading1>
        <Paragraph>{t('zelfscan.result.noResultBody')}</Paragraph>
        <Paragraph>
          <RouterLink to={WEB_PATHS.zelfscan}>{t('zelfscan.start')}</RouterLink>
        </Paragraph>
      </div>
    );
  }

  return (
    <div className="weerbaar-result weerbaar-prose">
      <Heading1>{t('zelfscan.result.title')}</Heading1>
      <Paragraph lead>{t('zelfscan.result.lead')}</Paragraph>
      <Paragraph className="weerbaar-no-print">{t('zelfscan.result.privacyNote')}</Paragraph>
      <ButtonGroup className="weerbaar-no-print">
        <Button appearance="primary-action-button" onClick={() => window.print()}>
          {t('zelfscan.result.print')}
        </Button>
        <Button
          appearance="secondary-action-button"
          onClick={() => void navigate(WEB_PATHS.zelfscan, { state: { review: true } })}
        >
          {t('zelfscan.result.edit')}
        </Button>
      </ButtonGroup>
      {actions?.(scan, result)}

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
        <Heading3>{t('zelfscan.result.meaningHeading')}</Heading3>
        <Paragraph>{t('zelfscan.result.meaning')}</Paragraph>
      </section>

      <section aria-labelledby="result-tips">
        <Heading2 id="result-tips">{t('zelfscan.result.tipsHeading', { count: result.tips.length })}</Heading2>
        {result.tips.length === 0 ? (
          <Paragraph>{t('zelfscan.result.noTips')}</Paragraph>
        ) : (
          <>
            <Paragraph>{t('zelfscan.result.tipsIntro')}</Paragraph>
            <TipList tips={result.tips} questionnaire={questionnaire} />
          </>
        )}
      </section>

      <section aria-labelledby="result-help">
        <Heading2 id="result-help">{t('zelfscan.result.helpHeading')}</Heading2>
        <Paragraph>{t('zelfscan.result.help', { number: SUPPORT_TEAM_PHONE.display })}</Paragraph>
        <Paragraph>
          <RouterLink to={WEB_PATHS.askSupport}>{t('zelfscan.result.helpLink')}</RouterLink>
        </Paragraph>
      </section>

      <ButtonGroup className="weerbaar-no-print">
        <Button
          appearance="secondary-action-button"
          onClick={() => {
            store.clear();
            void navigate(WEB_PATHS.zelfscan);
          }}
        >
          {t('zelfscan.result.restart')}
        </Button>
      </ButtonGroup>
    </div>
  );
}
