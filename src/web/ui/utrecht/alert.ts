import '@utrecht/alert-css/dist/index.css';

export { Alert } from '@utrecht/component-library-react';
