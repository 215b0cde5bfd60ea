import '@utrecht/alert-dialog-css/dist/index.css';

export { AlertDialog } from '@utrecht/component-library-react';
