import './incidents.css';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type DraftContent, INCIDENT_CHANNELS, INCIDENT_LIMITS } from '../../../shared/incidents.ts';
import { incidentPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { ApiError } from '../../api/client.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Button,
  ErrorSummary,
  type FieldProblem,
  Heading1,
  Paragraph,
  SelectField,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { draftApi, formatMoment, problemText, todayInNl, useCreateIncident } from './data.ts';
import { clearLocal, keepLocally, loadDraftKey, readLocal } from './draft-store.ts';
import { IncidentGate } from './IncidentGate.tsx';

interface Form {
  occurredOn: string;
  whatHappened: string;
  channel: string;
}

const SAVE_AFTER_MS = 1200;

function fromDraft(draft: DraftContent, fallback: Form): Form {
  const text = (value: unknown, otherwise: string) => (typeof value === 'string' ? value : otherwise);
  return {
    occurredOn: text(draft.occurredOn, fallback.occurredOn),
    whatHappened: text(draft.whatHappened, fallback.whatHappened),
    channel: text(draft.channel, fallback.channel),
  };
}

/**
 * The quick entry: date, what happened, how. One screen on a phone, under a minute. While the person
 * types, the draft is saved on the server (encrypted); without a connection, in this browser, encrypted
 * with a key only their session gets (draft-store.ts). Nothing typed is lost to a closed tab.
 */
export function QuickEntryPage() {
  const { t } = useTranslation();
  usePageTitle(t('incidents.quick.title'));
  return (
    <IncidentGate title={t('incidents.quick.title')}>
      <QuickEntry />
    </IncidentGate>
  );
}

function QuickEntry() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateIncident();
  const today = todayInNl();
  const [form, setForm] = useState<Form>({ occurredOn: today, whatHappened: '', channel: '' });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [draftNote, setDraftNote] = useState('');
  const [touched, setTouched] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const formRef = useRef(form);
  formRef.current = form;

  // Restore the newest draft: the server's, or the one this browser kept while offline.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      await loadDraftKey();
      const [server, local] = await Promise.all([draftApi.get().catch(() => null), readLocal()]);
      if (cancelled) return;
      const serverAt = server?.updatedAt ?? '';
      const pick =
        local && (!server?.draft || local.savedAt > serverAt)
          ? { draft: local.draft, at: local.savedAt }
          : server?.draft
            ? { draft: server.draft, at: serverAt }
            : null;
      if (!pick) return;
      setForm((current) => fromDraft(pick.draft, current));
      setDraftNote(t('incidents.quick.draftRestored', { time: formatMoment(pick.at) }));
      // A draft that waited in the browser goes to the server now that it can.
      if (local && pick.draft === local.draft) {
        await draftApi.save(local.draft).then(clearLocal, () => undefined);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [t]);

  const saveDraft = useCallback(async () => {
    const draft: DraftContent = { ...formRef.current };
    try {
      await draftApi.save(draft);
      clearLocal();
      setDraftNote(t('incidents.quick.draftSaved'));
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) return;
      if (await keepLocally(draft)) setDraftNote(t('incidents.quick.draftLocal'));
    }
  }, [t]);

  // Every change (form) restarts the wait; the draft is saved once typing pauses.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `form` is the trigger on purpose
  useEffect(() => {
    if (!touched) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveDraft(), SAVE_AFTER_MS);
    return () => window.clearTimeout(timer.current);
  }, [form, touched, saveDraft]);

  // Closing the tab mid-sentence: keep what is there (encrypted) in this browser at once.
  useEffect(() => {
    const keep = () => {
      if (formRef.current.whatHappened.trim()) void keepLocally({ ...formRef.current });
    };
    const online = () => void saveDraft();
    window.addEventListener('pagehide', keep);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('pagehide', keep);
      window.removeEventListener('online', online);
    };
  }, [saveDraft]);

  const update = (field: keyof Form) => (value: string) => {
    setTouched(true);
    setForm((current) => ({ ...current, [field]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldProblem[] = [];
    if (!form.occurredOn || form.occurredOn > today)
      found.push({ fieldId: 'incident-date', message: t('incidents.quick.date') });
    if (!form.whatHappened.trim()) found.push({ fieldId: 'incident-what', message: t('incidents.quick.what') });
    if (!form.channel) found.push({ fieldId: 'incident-channel', message: t('incidents.quick.channel') });
    setProblems(found);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    window.clearTimeout(timer.current);
    create.mutate(
      {
        occurredOn: form.occurredOn,
        whatHappened: form.whatHappened,
        channel: form.channel as (typeof INCIDENT_CHANNELS)[number],
      },
      {
        onSuccess: ({ incident }) => {
          clearLocal();
          setTouched(false);
          navigate(incidentPath(incident.id), { state: { notice: t('incidents.quick.saved') } });
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) {
            void keepLocally({ ...form });
            setDraftNote(t('incidents.quick.offline'));
          }
        },
      },
    );
  };

  const problem = (id: string) => problems.find((item) => item.fieldId === id)?.message;
  return (
    <>
      <Heading1>{t('incidents.quick.title')}</Heading1>
      <Paragraph>{t('incidents.quick.lead')}</Paragraph>
      <form noValidate onSubmit={submit} className="weerbaar-incident-quick">
        <ErrorSummary heading={t('incidents.quick.title')} problems={problems} attempt={attempt} />
        <TextField
          id="incident-date"
          type="date"
          label={t('incidents.quick.date')}
          value={form.occurredOn}
          max={today}
          required
          error={problem('incident-date')}
          onValueChange={update('occurredOn')}
        />
        <TextareaField
          id="incident-what"
          label={t('incidents.quick.what')}
          description={t('incidents.quick.whatHint')}
          rows={4}
          maxLength={INCIDENT_LIMITS.whatHappened}
          value={form.whatHappened}
          required
          error={problem('incident-what')}
          onValueChange={update('whatHappened')}
        />
        <SelectField
          id="incident-channel"
          label={t('incidents.quick.channel')}
          value={form.channel}
          placeholder=""
          options={INCIDENT_CHANNELS.map((value) => ({ value, label: t(`incidents.channel.${value}`) }))}
          required
          error={problem('incident-channel')}
          onValueChange={update('channel')}
        />
        <div className="weerbaar-incident-quick__actions">
          <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
            {create.isPending ? t('incidents.quick.saving') : t('incidents.quick.save')}
          </Button>
          <RouterLink to={WEB_PATHS.incidents}>{t('incidents.detail.back')}</RouterLink>
        </div>
        {create.isError && create.error instanceof ApiError && (
          <Paragraph role="alert">{problemText(t, create.error)}</Paragraph>
        )}
        <p role="status" className="weerbaar-incident-draft-note">
          {draftNote}
        </p>
      </form>
    </>
  );
}
