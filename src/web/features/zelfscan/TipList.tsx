import { useTranslation } from 'react-i18next';
import { classifyLink } from '../../../shared/content-links.ts';
import type { TipResult } from '../../../shared/zelfscan/evaluate.ts';
import type { Questionnaire } from '../../../shared/zelfscan/questionnaire.ts';
import { Heading3, Heading4, Link, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useContentText } from './content-text.ts';

interface Props {
  tips: TipResult[];
  questionnaire: Questionnaire;
  /** The level of each tip's title: 3 on the result page, 4 where the list sits under its own h3. */
  titleLevel?: 3 | 4;
}

/** The tips in the order the engine gave them (most important first), each with its service link. */
export function TipList({ tips, questionnaire, titleLevel = 3 }: Props) {
  const { t } = useTranslation();
  const text = useContentText();
  const Title = titleLevel === 4 ? Heading4 : Heading3;
  return (
    <ol className="weerbaar-tips">
      {tips.map((result) => {
        const tip = questionnaire.tips.find((candidate) => candidate.id === result.id);
        const category = questionnaire.categories.find((candidate) => candidate.id === result.category);
        if (!tip || !category) return null;
        const target = tip.link ? classifyLink(tip.link.href) : null;
        return (
          <li key={tip.id} className={`weerbaar-tip weerbaar-tip--${tip.priority}`}>
            <article aria-labelledby={`tip-${tip.id}`}>
              <p className="weerbaar-tip__meta">
                <span className="weerbaar-tip__priority">{t(`zelfscan.result.priority.${tip.priority}`)}</span>
                <span>{t('zelfscan.result.tipCategory', { category: text(category.title) })}</span>
              </p>
              <Title id={`tip-${tip.id}`}>{text(tip.title)}</Title>
              <Paragraph>{text(tip.body)}</Paragraph>
              {tip.link && target?.kind === 'internal' && (
                <Paragraph>
                  <RouterLink to={target.path}>{text(tip.link.label)}</RouterLink>
                </Paragraph>
              )}
              {tip.link && target?.kind === 'external' && (
                <Paragraph>
                  <Link href={target.url} rel="noopener noreferrer">
                    {text(tip.link.label)}
                  </Link>
                </Paragraph>
              )}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
