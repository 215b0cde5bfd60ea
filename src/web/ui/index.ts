/**
 * The NL Design System (Utrecht) components the app uses, in one place. Features import from here,
 * never from the library directly, so a swap or a house variant is one change.
 */
export {
  Alert,
  Article,
  Button,
  ButtonGroup,
  Document,
  Heading1,
  Heading2,
  Heading3,
  Link,
  Paragraph,
  Surface,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
