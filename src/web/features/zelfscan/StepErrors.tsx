import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading3, Paragraph } from '../../ui/index.ts';

interface Props {
  items: { targetId: string; label: string }[];
}

/**
 * The questions still to answer, at the top of the step. It takes focus when it appears and is a live
 * alert, so the problem is both seen and heard; each item moves focus to its question.
 */
export function StepErrors({ items }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, []);
  return (
    <div
      ref={box}
      role="alert"
      tabIndex={-1}
      className="weerbaar-step-errors"
      aria-labelledby="zelfscan-errors-heading"
    >
      <Heading3 id="zelfscan-errors-heading">{t('zelfscan.errorsHeading', { count: items.length })}</Heading3>
      <Paragraph>{t('zelfscan.errorsIntro')}</Paragraph>
      <ul>
        {items.map((item) => (
          <li key={item.targetId}>
            <a
              className="utrecht-link utrecht-link--html-a"
              href={`#${item.targetId}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(item.targetId)?.focus();
              }}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
