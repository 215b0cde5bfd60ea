import '@utrecht/radio-button-css/dist/index.css';

export { RadioButton } from '@utrecht/component-library-react';
