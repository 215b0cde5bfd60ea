import '@utrecht/textbox-css/dist/index.css';

export { Textbox } from '@utrecht/component-library-react';
