import '@utrecht/article-css/dist/index.css';

export { Article } from '@utrecht/component-library-react';
