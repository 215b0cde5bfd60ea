import { Fragment, type ReactNode, useMemo } from 'react';
import { classifyLink } from '../../shared/content-links.ts';
import { type Block, type Inline, parseMarkdown } from '../../shared/markdown/document.ts';
import {
  Heading2,
  Heading3,
  Heading4,
  Link,
  OrderedList,
  OrderedListItem,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from './index.ts';
import { RouterLink } from './RouterLink.tsx';
import './prose.css';

/**
 * Content Markdown as React elements, built by hand from the parsed tree: there is no HTML string and
 * no dangerouslySetInnerHTML anywhere, so content can never inject markup. Raw HTML in the source was
 * already dropped by the parser; a link to somewhere not allowed shows as plain text.
 */
export function Markdown({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source).blocks, [source]);
  return <div className="weerbaar-prose">{renderBlocks(blocks)}</div>;
}

function renderBlocks(blocks: Block[]): ReactNode[] {
  return blocks.map((block, index) => {
    const key = `${block.type}-${index}`;
    switch (block.type) {
      case 'heading': {
        const Heading = { 2: Heading2, 3: Heading3, 4: Heading4 }[block.level];
        return <Heading key={key}>{renderInlines(block.children)}</Heading>;
      }
      case 'paragraph':
        return block.tight ? (
          <Fragment key={key}>{renderInlines(block.children)}</Fragment>
        ) : (
          <Paragraph key={key}>{renderInlines(block.children)}</Paragraph>
        );
      case 'list': {
        const [List, Item] = block.ordered ? [OrderedList, OrderedListItem] : [UnorderedList, UnorderedListItem];
        return (
          <List key={key}>
            {block.items.map((item, itemIndex) => (
              // Items have no identity of their own; their order is the content's.
              // biome-ignore lint/suspicious/noArrayIndexKey: static content, never reordered
              <Item key={itemIndex}>{renderBlocks(item)}</Item>
            ))}
          </List>
        );
      }
    }
    return null;
  });
}

function renderInlines(inlines: Inline[]): ReactNode[] {
  return inlines.map((inline, index) => {
    const key = `${inline.type}-${index}`;
    switch (inline.type) {
      case 'text':
        return <Fragment key={key}>{inline.text}</Fragment>;
      case 'break':
        return <br key={key} />;
      case 'strong':
        return <strong key={key}>{renderInlines(inline.children)}</strong>;
      case 'em':
        return <em key={key}>{renderInlines(inline.children)}</em>;
      case 'link':
        return (
          <ContentLink key={key} href={inline.href}>
            {renderInlines(inline.children)}
          </ContentLink>
        );
    }
    return null;
  });
}

function ContentLink({ href, children }: { href: string; children: ReactNode }) {
  const target = classifyLink(href);
  if (!target) return <>{children}</>;
  if (target.kind === 'internal') return <RouterLink to={target.path}>{children}</RouterLink>;
  const safeHref =
    target.kind === 'external'
      ? target.url
      : target.kind === 'tel'
        ? `tel:${target.number}`
        : `mailto:${target.address}`;
  // Other sites get no referrer and no handle on this window.
  return (
    <Link href={safeHref} rel={target.kind === 'external' ? 'noopener noreferrer' : undefined}>
      {children}
    </Link>
  );
}
