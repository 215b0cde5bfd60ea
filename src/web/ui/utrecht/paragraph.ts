import '@utrecht/paragraph-css/dist/index.css';

export { Paragraph } from '@utrecht/component-library-react';
