import { useTranslation } from 'react-i18next';
import type { Light } from '../../../shared/zelfscan/questionnaire.ts';

/**
 * A light as text, colour and shape together (never colour alone, WCAG 1.4.1): green is a circle with
 * a check, orange a triangle with an exclamation mark, red an octagon with a cross.
 */
export function TrafficLight({ light }: { light: Light }) {
  const { t } = useTranslation();
  return (
    <span className={`weerbaar-light weerbaar-light--${light}`}>
      <svg
        className="weerbaar-light__icon"
        viewBox="0 0 24 24"
        width="28"
        height="28"
        aria-hidden="true"
        focusable="false"
      >
        {light === 'green' && (
          <>
            <circle cx="12" cy="12" r="11" />
            <path d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
          </>
        )}
        {light === 'orange' && (
          <>
            <path d="M12 1.5L23 21.5H1z" />
            <path d="M12 8.5v6.5M12 17.5v1" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
          </>
        )}
        {light === 'red' && (
          <>
            <path d="M7.4 1h9.2L23 7.4v9.2L16.6 23H7.4L1 16.6V7.4z" />
            <path d="M8 8l8 8M16 8l-8 8" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
          </>
        )}
      </svg>
      <span className="weerbaar-light__label">{t(`zelfscan.result.light.${light}`)}</span>
    </span>
  );
}
