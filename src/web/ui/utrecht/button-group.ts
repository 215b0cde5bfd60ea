import '@utrecht/button-group-css/dist/index.css';

export { ButtonGroup } from '@utrecht/component-library-react';
