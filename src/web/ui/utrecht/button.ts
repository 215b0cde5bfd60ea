import '@utrecht/button-css/dist/index.css';

export { Button } from '@utrecht/component-library-react';
