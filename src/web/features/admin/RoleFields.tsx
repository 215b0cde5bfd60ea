import { useTranslation } from 'react-i18next';
import { ASSOCIATIONS, EXPERT_FIELDS, OFFICES } from '../../../shared/people.ts';
import { isCaseReadingRole, type Role, rolesConflict } from '../../../shared/roles.ts';
import { CheckboxField, type FieldProblem, Fieldset, FieldsetLegend, SelectField, TextField } from '../../ui/index.ts';

export interface RoleDetails {
  roles: Role[];
  office: string;
  region: string;
  association: string;
  expertField: string;
}

export const EMPTY_ROLE_DETAILS: RoleDetails = { roles: [], office: '', region: '', association: '', expertField: '' };

/** Office and region belong to officeholders and peers (fellow office holders). */
export const hasOffice = (roles: readonly Role[]) => roles.includes('officeholder') || roles.includes('peer');

/** The same rules the server checks (src/shared/admin.ts), so the form says it first. */
export function checkRoleDetails(
  t: ReturnType<typeof useTranslation>['t'],
  value: RoleDetails,
  prefix: string,
  options: { requireDetails: boolean },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (value.roles.length === 0) problems.push({ fieldId: `${prefix}-role-first`, message: t('admin.roles.required') });
  if (rolesConflict(value.roles)) {
    problems.push({ fieldId: `${prefix}-role-first`, message: t('admin.roles.conflict') });
  }
  if (options.requireDetails && value.roles.includes('confidant') && !value.association) {
    problems.push({ fieldId: `${prefix}-association`, message: t('admin.roles.associationRequired') });
  }
  if (options.requireDetails && value.roles.includes('expert') && !value.expertField) {
    problems.push({ fieldId: `${prefix}-expert-field`, message: t('admin.roles.expertFieldRequired') });
  }
  return problems;
}

/**
 * The roles as checkboxes, with the details a role needs right below: office and region for an
 * officeholder, the association of a confidant, the field of an expert.
 */
export function RoleFields({
  prefix,
  value,
  onChange,
  roles,
  errorFor,
  withOffice,
}: {
  prefix: string;
  value: RoleDetails;
  onChange: (value: RoleDetails) => void;
  roles: readonly Role[];
  errorFor: (fieldId: string) => string | undefined;
  /** Office and region can be given (only when inviting). */
  withOffice: boolean;
}) {
  const { t } = useTranslation();
  const toggle = (role: Role, checked: boolean) =>
    onChange({
      ...value,
      roles: checked ? [...value.roles, role] : value.roles.filter((existing) => existing !== role),
    });
  const rolesError = errorFor(`${prefix}-role-first`);

  return (
    <>
      <Fieldset invalid={Boolean(rolesError)} aria-describedby={rolesError ? `${prefix}-roles-error` : undefined}>
        <FieldsetLegend>{t('admin.roles.legend')}</FieldsetLegend>
        {rolesError && (
          <p id={`${prefix}-roles-error`} className="utrecht-form-field-error-message">
            {rolesError}
          </p>
        )}
        {roles.map((role, index) => (
          <CheckboxField
            key={role}
            id={index === 0 ? `${prefix}-role-first` : `${prefix}-role-${role}`}
            label={t(`identity.roles.${role}`)}
            description={
              isCaseReadingRole(role)
                ? `${t(`admin.roles.descriptions.${role}`)} ${t('admin.roles.needsApproval')}`
                : t(`admin.roles.descriptions.${role}`)
            }
            checked={value.roles.includes(role)}
            onCheckedChange={(checked) => toggle(role, checked)}
          />
        ))}
      </Fieldset>
      {withOffice && hasOffice(value.roles) && (
        <>
          <SelectField
            id={`${prefix}-office`}
            label={t('admin.roles.office')}
            value={value.office}
            error={errorFor(`${prefix}-office`)}
            onValueChange={(office) => onChange({ ...value, office })}
            options={[
              { value: '', label: t('admin.roles.choose') },
              ...OFFICES.map((office) => ({ value: office, label: t(`identity.offices.${office}`) })),
            ]}
          />
          <TextField
            id={`${prefix}-region`}
            label={t('admin.roles.region')}
            description={t('admin.roles.regionDescription')}
            value={value.region}
            error={errorFor(`${prefix}-region`)}
            onValueChange={(region) => onChange({ ...value, region })}
          />
        </>
      )}
      {value.roles.includes('confidant') && (
        <SelectField
          id={`${prefix}-association`}
          label={t('admin.roles.association')}
          value={value.association}
          error={errorFor(`${prefix}-association`)}
          onValueChange={(association) => onChange({ ...value, association })}
          options={[
            { value: '', label: t('admin.roles.choose') },
            ...ASSOCIATIONS.map((association) => ({
              value: association,
              label: t(`identity.associations.${association}`),
            })),
          ]}
        />
      )}
      {value.roles.includes('expert') && (
        <SelectField
          id={`${prefix}-expert-field`}
          label={t('admin.roles.expertField')}
          value={value.expertField}
          error={errorFor(`${prefix}-expert-field`)}
          onValueChange={(expertField) => onChange({ ...value, expertField })}
          options={[
            { value: '', label: t('admin.roles.choose') },
            ...EXPERT_FIELDS.map((field) => ({ value: field, label: t(`identity.expertFields.${field}`) })),
          ]}
        />
      )}
    </>
  );
}

/** Server field paths of the role fields, mapped to this form's inputs. */
export function roleFieldIds(prefix: string): Record<string, string> {
  return {
    'body/roles': `${prefix}-role-first`,
    'body/office': `${prefix}-office`,
    'body/region': `${prefix}-region`,
    'body/association': `${prefix}-association`,
    'body/expertField': `${prefix}-expert-field`,
  };
}
