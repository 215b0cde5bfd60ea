import '@utrecht/document-css/dist/index.css';

export { Document } from '@utrecht/component-library-react';
