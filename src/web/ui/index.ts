/**
 * The NL Design System (Utrecht) components the app uses, in one place. Features import from here,
 * never from the library directly, so a swap or a house variant is one change.
 *
 * Each component comes through ./utrecht/<component>.ts, which also imports that component's CSS. Those
 * modules are declared free of side effects (vite.config.ts), so a component's CSS travels with the code
 * that uses it: the first load carries only the styles of the shell and the first page, not all of the
 * library (`@utrecht/component-library-css` was 540 kB).
 */

export { ConfirmDialog, Dialog, StatusMessage, VisuallyHidden } from './feedback.tsx';
export {
  CheckboxField,
  CheckboxGroup,
  type Choice,
  fieldAnchor,
  RadioGroup,
} from './forms/choices.tsx';
export { ErrorSummary, type FieldProblem, focusField } from './forms/ErrorSummary.tsx';
export { SelectField, TextareaField, TextField } from './forms/fields.tsx';
export { Alert } from './utrecht/alert.ts';
export { AlertDialog } from './utrecht/alert-dialog.ts';
export { Article } from './utrecht/article.ts';
export { Button } from './utrecht/button.ts';
export { ButtonGroup } from './utrecht/button-group.ts';
export { Checkbox } from './utrecht/checkbox.ts';
export { DataList, DataListActions, DataListItem, DataListKey, DataListValue } from './utrecht/data-list.ts';
export { Document } from './utrecht/document.ts';
export { Fieldset, FieldsetLegend } from './utrecht/fieldset.ts';
export { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel } from './utrecht/form-field.ts';
export { Heading1, Heading2, Heading3, Heading4 } from './utrecht/heading.ts';
export { Link } from './utrecht/link.ts';
export { OrderedList, OrderedListItem, UnorderedList, UnorderedListItem } from './utrecht/list.ts';
export { NumberBadge } from './utrecht/number-badge.ts';
export { Paragraph } from './utrecht/paragraph.ts';
export { RadioButton } from './utrecht/radio-button.ts';
export { Select, SelectOption } from './utrecht/select.ts';
export { StatusBadge } from './utrecht/status-badge.ts';
export { Surface } from './utrecht/surface.ts';
export {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from './utrecht/table.ts';
export { Textarea } from './utrecht/textarea.ts';
export { Textbox } from './utrecht/textbox.ts';
