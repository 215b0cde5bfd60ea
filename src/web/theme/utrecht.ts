/**
 * The NL Design System (Utrecht) component styles of the first load, in cascade order before the house
 * theme and layout (main.tsx), which refine them and win ties: the components of the shell and the home
 * page, and those the global house styles (src/web/ui/forms.css) adjust. Every other component brings its
 * CSS with its code (src/web/ui/utrecht); importing a file here and there yields one copy, in this place.
 */
import '@utrecht/document-css/dist/index.css';
import '@utrecht/surface-css/dist/index.css';
import '@utrecht/skip-link-css/dist/index.css';
import '@utrecht/link-css/dist/index.css';
import '@utrecht/heading-1-css/dist/index.css';
import '@utrecht/heading-2-css/dist/index.css';
import '@utrecht/heading-3-css/dist/index.css';
import '@utrecht/heading-4-css/dist/index.css';
import '@utrecht/paragraph-css/dist/index.css';
import '@utrecht/button-css/dist/index.css';
import '@utrecht/button-group-css/dist/index.css';
import '@utrecht/alert-css/dist/index.css';
import '@utrecht/form-field-css/dist/index.css';
import '@utrecht/form-field-description-css/dist/index.css';
import '@utrecht/form-field-error-message-css/dist/index.css';
import '@utrecht/form-label-css/dist/index.css';
import '@utrecht/form-fieldset-css/dist/index.css';
import '@utrecht/select-css/dist/index.css';
