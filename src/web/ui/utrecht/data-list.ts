import '@utrecht/data-list-css/dist/index.css';

export {
  DataList,
  DataListActions,
  DataListItem,
  DataListKey,
  DataListValue,
} from '@utrecht/component-library-react';
