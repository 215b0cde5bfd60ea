import { useTranslation } from 'react-i18next';
import { classifyLink } from '../../../shared/content-links.ts';
import type { TipResult } from '../../../shared/zelfscan/evaluate.ts';
import type { Questionnaire } from '../../../shared/zelfscan/questionnaire.ts';
import { Heading3, Link, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useContentText } from './content-text.ts';

/** The tips in the order the engine gave them (most important first), each with its service link. */
export function TipList({ tips, questionnaire }: { tips: TipResult[]; questionnaire: Questionnaire }) {
  const { t } = useTranslation();
  const text = useContentText();
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
              <Heading3 id={`tip-${tip.id}`}>{text(tip.title)}</Heading3>
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
