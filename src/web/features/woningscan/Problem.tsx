import { useTranslation } from 'react-i18next';
import { Alert, Paragraph } from '../../ui/index.ts';
import { woningscanProblem } from './data.ts';

/** A woningscan action's refusal, in the words of its problem code; nothing while there is none. */
export const Problem = ({ error }: { error: unknown }) => {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert type="error" role="alert">
      <Paragraph>{woningscanProblem(t, error)}</Paragraph>
    </Alert>
  );
};
