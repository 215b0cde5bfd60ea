import '@utrecht/number-badge-css/dist/index.css';

export { NumberBadge } from '@utrecht/component-library-react';
