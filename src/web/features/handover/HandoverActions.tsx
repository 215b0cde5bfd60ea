import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDOVER_METHODS, type HandoverDetail, type HandoverMethod } from '../../../shared/handover.ts';
import { LOCALES, type Locale } from '../../../shared/locale.ts';
import { isApiError, saveFile } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useSession } from '../../session/session.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ConfirmDialog,
  ErrorSummary,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  RadioButton,
  SelectField,
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { handoverApi } from './api.ts';
import { sizeText, todayIso } from './labels.ts';

/** The package as a PDF to print, in either language: with a new activation code while the account is unused. */
export function PrintSection({
  handover,
  onPrinted,
}: {
  handover: HandoverDetail;
  onPrinted: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [lang, setLang] = useState<Locale>(currentLocale());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const unused = handover.personStatus === 'invited';

  async function print() {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const file = await handoverApi.printPackage(handover.id, lang);
      saveFile(file.blob, file.fileName);
      const size = sizeText(t, file.size);
      await onPrinted(unused ? t('handover.detail.printed', { size }) : t('handover.detail.printedNoLink', { size }));
    } catch (error) {
      setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="handover-print">
      <Heading2 id="handover-print">{t('handover.detail.printHeading')}</Heading2>
      <Paragraph>{t('handover.detail.printIntro')}</Paragraph>
      {unused ? (
        <Alert type="warning">
          <Paragraph>{t('handover.detail.printLinkWarning')}</Paragraph>
        </Alert>
      ) : (
        <Paragraph>{t('handover.detail.printNoLink')}</Paragraph>
      )}
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <div className="weerbaar-handover-form">
        <SelectField
          id="handover-print-language"
          label={t('handover.detail.language')}
          value={lang}
          onValueChange={(value) => setLang(value === 'en' ? 'en' : 'nl')}
          options={LOCALES.map((value) => ({ value, label: t(`handover.detail.languages.${value}`) }))}
        />
      </div>
      <StatusMessage type="info">{busy ? t('handover.detail.printing') : ''}</StatusMessage>
      <ButtonGroup>
        <Button appearance="primary-action-button" onClick={() => void print()} aria-disabled={busy || undefined}>
          {t('handover.detail.print')}
        </Button>
      </ButtonGroup>
    </section>
  );
}

/** When, by whom and how the package was handed over: recorded, corrected or undone. */
export function HandedOverSection({
  handover,
  onSaved,
}: {
  handover: HandoverDetail;
  onSaved: (next: HandoverDetail, message: string) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [date, setDate] = useState(handover.handedOver?.on ?? todayIso());
  const [by, setBy] = useState(handover.handedOver?.by ?? session.person?.displayName ?? '');
  const [method, setMethod] = useState<HandoverMethod | ''>(handover.handedOver?.method ?? '');
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const problems = [];
    if (!date) problems.push({ fieldId: 'handover-on', message: t('handover.detail.dateMissing') });
    else if (date > todayIso()) problems.push({ fieldId: 'handover-on', message: t('handover.detail.dateInFuture') });
    if (!by.trim()) problems.push({ fieldId: 'handover-by', message: t('handover.detail.byMissing') });
    if (!method) problems.push({ fieldId: 'handover-method-in_person', message: t('handover.detail.methodMissing') });
    if (!form.report(problems) || !method) return;
    setBusy(true);
    try {
      const { handover: next } = await handoverApi.handedOver(handover.id, { date, by: by.trim(), method });
      onSaved(next, t('handover.detail.handoverSaved'));
    } catch (error) {
      if (isApiError(error, 'date_in_future')) {
        form.report([{ fieldId: 'handover-on', message: t('handover.detail.dateInFuture') }]);
      } else {
        setFailure(problemMessage(t, error));
      }
    } finally {
      setBusy(false);
    }
  }

  async function undo() {
    setConfirm(false);
    setFailure(null);
    try {
      const { handover: next } = await handoverApi.undoHandedOver(handover.id);
      onSaved(next, t('handover.detail.handoverUndone'));
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  const methodError = form.errorFor('handover-method-in_person');
  return (
    <section aria-labelledby="handover-handed-over">
      <Heading2 id="handover-handed-over">{t('handover.detail.handoverHeading')}</Heading2>
      <Paragraph>{t('handover.detail.handoverIntro')}</Paragraph>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void save(event)} className="weerbaar-handover-form">
        <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
        <TextField
          id="handover-on"
          label={t('handover.detail.handoverDate')}
          type="date"
          max={todayIso()}
          value={date}
          onValueChange={setDate}
          error={form.errorFor('handover-on')}
          required
        />
        <TextField
          id="handover-by"
          label={t('handover.detail.handoverBy')}
          description={t('handover.detail.handoverByDescription')}
          autoComplete="off"
          value={by}
          onValueChange={setBy}
          error={form.errorFor('handover-by')}
          required
        />
        <Fieldset invalid={Boolean(methodError)} aria-describedby={methodError ? 'handover-method-error' : undefined}>
          <FieldsetLegend>{t('handover.detail.handoverMethod')}</FieldsetLegend>
          {methodError && <FormFieldErrorMessage id="handover-method-error">{methodError}</FormFieldErrorMessage>}
          {HANDOVER_METHODS.map((value) => {
            const inputId = `handover-method-${value}`;
            return (
              <FormField
                key={value}
                type="radio"
                input={
                  <RadioButton
                    id={inputId}
                    name="handover-method"
                    value={value}
                    checked={method === value}
                    invalid={Boolean(methodError)}
                    onChange={() => setMethod(value)}
                  />
                }
                label={
                  <FormLabel htmlFor={inputId} type="radio" checked={method === value}>
                    {t(`handover.methods.${value}`)}
                  </FormLabel>
                }
              />
            );
          })}
        </Fieldset>
        <StatusMessage type="info">{busy ? t('auth.busy') : ''}</StatusMessage>
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button">
            {handover.handedOver ? t('handover.detail.handoverCorrect') : t('handover.detail.handoverSave')}
          </Button>
          {handover.handedOver && (
            <Button appearance="subtle-button" onClick={() => setConfirm(true)}>
              {t('handover.detail.handoverUndo')}
            </Button>
          )}
        </ButtonGroup>
      </form>
      <ConfirmDialog
        open={confirm}
        title={t('handover.detail.confirmUndoTitle')}
        confirmLabel={t('handover.detail.handoverUndo')}
        cancelLabel={t('handover.detail.cancel')}
        onCancel={() => setConfirm(false)}
        onConfirm={() => void undo()}
      >
        <Paragraph>{t('handover.detail.confirmUndoBody', { name: handover.name })}</Paragraph>
      </ConfirmDialog>
    </section>
  );
}
