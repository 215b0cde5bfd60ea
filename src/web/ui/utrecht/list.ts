import '@utrecht/ordered-list-css/dist/index.css';
import '@utrecht/unordered-list-css/dist/index.css';

export {
  OrderedList,
  OrderedListItem,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
