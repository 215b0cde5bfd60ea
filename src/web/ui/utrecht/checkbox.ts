import '@utrecht/checkbox-css/dist/index.css';

export { Checkbox } from '@utrecht/component-library-react';
