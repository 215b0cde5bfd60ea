import '@utrecht/select-css/dist/index.css';

export {
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
