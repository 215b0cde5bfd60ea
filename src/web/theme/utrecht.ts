/**
 * The NL Design System (Utrecht) component styles: only those of the components the app uses (src/web/ui
 * and the `utrecht-*` classes in its pages), not the whole library (`@utrecht/component-library-css`,
 * 540 kB). A component newly taken into use needs its `@utrecht/<component>-css` here (and in
 * package.json).
 *
 * All of them come with the first load, in one place, in the cascade order the app was designed with (that
 * of the library's bundle): the house styles (the theme, the layout and every page's CSS) come after them
 * and win ties. Split per page, a page's component styles would arrive after the house styles and win
 * instead (focus rings, form spacing); together they are some 12 KiB gzip.
 */
import '@utrecht/alert-dialog-css/dist/index.css';
import '@utrecht/alert-css/dist/index.css';
import '@utrecht/article-css/dist/index.css';
import '@utrecht/status-badge-css/dist/index.css';
import '@utrecht/button-group-css/dist/index.css';
import '@utrecht/button-link-css/dist/index.css';
import '@utrecht/button-css/dist/index.css';
import '@utrecht/checkbox-css/dist/index.css';
import '@utrecht/custom-checkbox-css/dist/index.css';
import '@utrecht/data-list-css/dist/index.css';
import '@utrecht/document-css/dist/index.css';
import '@utrecht/form-field-description-css/dist/index.css';
import '@utrecht/form-field-error-message-css/dist/index.css';
import '@utrecht/form-field-css/dist/index.css';
import '@utrecht/form-fieldset-css/dist/index.css';
import '@utrecht/form-label-css/dist/index.css';
import '@utrecht/heading-1-css/dist/index.css';
import '@utrecht/heading-2-css/dist/index.css';
import '@utrecht/heading-3-css/dist/index.css';
import '@utrecht/heading-4-css/dist/index.css';
import '@utrecht/link-css/dist/index.css';
import '@utrecht/number-badge-css/dist/index.css';
import '@utrecht/ordered-list-css/dist/index.css';
import '@utrecht/paragraph-css/dist/index.css';
import '@utrecht/radio-button-css/dist/index.css';
import '@utrecht/select-css/dist/index.css';
import '@utrecht/skip-link-css/dist/index.css';
import '@utrecht/surface-css/dist/index.css';
import '@utrecht/table-css/dist/index.css';
import '@utrecht/textarea-css/dist/index.css';
import '@utrecht/textbox-css/dist/index.css';
import '@utrecht/unordered-list-css/dist/index.css';
