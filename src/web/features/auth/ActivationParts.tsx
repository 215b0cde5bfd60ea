import { useTranslation } from 'react-i18next';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  RadioButton,
  UnorderedList,
  UnorderedListItem,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';

/** The activation link does not work (any more): who can send a new one, and the way to sign in. */
export function InvalidLink() {
  const { t } = useTranslation();
  usePageTitle(t('activation.invalid.title'));
  return (
    <div className="weerbaar-narrow">
      <Heading1>{t('activation.invalid.title')}</Heading1>
      <Paragraph lead>{t('activation.invalid.lead')}</Paragraph>
      <Heading2>{t('activation.invalid.whoHeading')}</Heading2>
      <UnorderedList>
        <UnorderedListItem>{t('activation.invalid.whoAdmin')}</UnorderedListItem>
        <UnorderedListItem>{t('activation.invalid.whoRelative')}</UnorderedListItem>
        <UnorderedListItem>{t('activation.invalid.whoSetup')}</UnorderedListItem>
      </UnorderedList>
      <Paragraph>
        {t('activation.invalid.haveAccount')}{' '}
        <RouterLink to={WEB_PATHS.signIn}>{t('activation.invalid.signIn')}</RouterLink>
      </Paragraph>
    </div>
  );
}

/** One way of signing in to choose at activation, with what it means. */
export function MethodOption({
  id,
  checked,
  onSelect,
  label,
  description,
}: {
  id: string;
  checked: boolean;
  onSelect: () => void;
  label: string;
  description: string;
}) {
  return (
    <FormField type="radio" className="weerbaar-choice">
      <div className="weerbaar-checkbox">
        <RadioButton
          id={id}
          name="activation-method"
          checked={checked}
          onChange={onSelect}
          aria-describedby={`${id}-description`}
        />
        <FormLabel htmlFor={id} type="radio">
          {label}
        </FormLabel>
      </div>
      <FormFieldDescription id={`${id}-description`} className="weerbaar-checkbox__description">
        {description}
      </FormFieldDescription>
    </FormField>
  );
}
