import '@utrecht/link-css/dist/index.css';

export { Link } from '@utrecht/component-library-react';
