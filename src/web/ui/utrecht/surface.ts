import '@utrecht/surface-css/dist/index.css';

export { Surface } from '@utrecht/component-library-react';
