import '@utrecht/heading-1-css/dist/index.css';
import '@utrecht/heading-2-css/dist/index.css';
import '@utrecht/heading-3-css/dist/index.css';
import '@utrecht/heading-4-css/dist/index.css';

export {
  Heading1,
  Heading2,
  Heading3,
  Heading4,
} from '@utrecht/component-library-react';
