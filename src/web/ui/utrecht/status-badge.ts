import '@utrecht/status-badge-css/dist/index.css';

export { StatusBadge } from '@utrecht/component-library-react';
