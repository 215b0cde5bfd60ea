import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../cases/format.ts';

interface SlaFacts {
  firstResponseDueAt: string | null;
  firstResponseAt: string | null;
  paused: boolean;
  dueSoon: boolean;
  late: boolean;
}

/** The first-response target in plain words: when it is due, whether it is late, or that it is met. */
export function useSlaText(sla: SlaFacts | null): { text: string; tone: 'late' | 'soon' | 'calm' } | null {
  const { t } = useTranslation();
  if (!sla) return null;
  if (sla.firstResponseAt) {
    return { text: t('staff.sla.responded', { date: formatDateTime(sla.firstResponseAt) }), tone: 'calm' };
  }
  if (sla.paused) return { text: t('staff.sla.paused'), tone: 'calm' };
  if (!sla.firstResponseDueAt) return { text: t('staff.sla.none'), tone: 'calm' };
  const when = { date: formatDateTime(sla.firstResponseDueAt), relative: formatRelative(sla.firstResponseDueAt) };
  if (sla.late) return { text: t('staff.sla.late', when), tone: 'late' };
  if (sla.dueSoon) return { text: t('staff.sla.dueSoon', when), tone: 'soon' };
  return { text: t('staff.sla.due', when), tone: 'calm' };
}

export function SlaText({ sla }: { sla: SlaFacts | null }) {
  const text = useSlaText(sla);
  if (!text) return null;
  return <span className={`weerbaar-sla weerbaar-sla--${text.tone}`}>{text.text}</span>;
}
