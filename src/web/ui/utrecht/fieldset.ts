import '@utrecht/form-fieldset-css/dist/index.css';

export {
  Fieldset,
  FieldsetLegend,
} from '@utrecht/component-library-react';
