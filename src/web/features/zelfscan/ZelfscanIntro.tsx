import { useTranslation } from 'react-i18next';
import { SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import { Button, ButtonGroup, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/index.ts';

interface Props {
  /** Answers from earlier in this tab exist: offer to continue or to start afresh. */
  inProgress: boolean;
  onStart: () => void;
  onRestart: () => void;
}

/** What the scan is, how it works, and that the answers never leave this browser tab. */
export function ZelfscanIntro({ inProgress, onStart, onRestart }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph lead>{t('zelfscan.lead')}</Paragraph>
      <section aria-labelledby="zelfscan-how">
        <Heading2 id="zelfscan-how">{t('zelfscan.howHeading')}</Heading2>
        <UnorderedList>
          {(t('zelfscan.how', { returnObjects: true }) as string[]).map((line) => (
            <UnorderedListItem key={line}>{line}</UnorderedListItem>
          ))}
        </UnorderedList>
      </section>
      <section aria-labelledby="zelfscan-privacy">
        <Heading2 id="zelfscan-privacy">{t('zelfscan.privacyHeading')}</Heading2>
        <Paragraph>{t('zelfscan.privacy')}</Paragraph>
      </section>
      <Paragraph>{t('zelfscan.acute', { number: SUPPORT_TEAM_PHONE.display })}</Paragraph>
      <ButtonGroup>
        <Button appearance="primary-action-button" onClick={onStart}>
          {inProgress ? t('zelfscan.resume') : t('zelfscan.start')}
        </Button>
        {inProgress && (
          <Button appearance="secondary-action-button" onClick={onRestart}>
            {t('zelfscan.restart')}
          </Button>
        )}
      </ButtonGroup>
    </>
  );
}
