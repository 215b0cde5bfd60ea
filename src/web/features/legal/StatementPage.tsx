import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Heading1, Heading2, Paragraph } from '../../ui/index.ts';

interface Section {
  heading: string;
  paragraphs: string[];
}

/** A statement page (privacy, accessibility) whose sections live in the message catalogues. */
export function StatementPage({ messages }: { messages: 'privacy' | 'accessibility' }) {
  const { t } = useTranslation();
  usePageTitle(t(`${messages}.title`));
  const sections = t(`${messages}.sections`, { returnObjects: true }) as Section[];
  return (
    <>
      <Heading1>{t(`${messages}.title`)}</Heading1>
      <Paragraph lead>{t(`${messages}.lead`)}</Paragraph>
      {sections.map((section) => (
        <section key={section.heading}>
          <Heading2>{section.heading}</Heading2>
          {section.paragraphs.map((paragraph) => (
            <Paragraph key={paragraph}>{paragraph}</Paragraph>
          ))}
        </section>
      ))}
    </>
  );
}
