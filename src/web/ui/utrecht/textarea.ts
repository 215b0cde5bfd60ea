import '@utrecht/textarea-css/dist/index.css';

export { Textarea } from '@utrecht/component-library-react';
