import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OIDC_START_PATH, type OidcStatus } from '../../../shared/auth.ts';
import { apiGet } from '../../api/client.ts';
import { ButtonRouterLink } from '../../ui/ButtonRouterLink.tsx';
import { ButtonGroup, Heading2, Paragraph } from '../../ui/index.ts';

/**
 * "Sign in with your organisation" (staff, OpenID Connect): shown only when the server says it is
 * configured. The button is a full page navigation (reloadDocument): the server sends the browser on to
 * the organisation's identity provider, and the provider sends it back to the server.
 */
export function OrganisationSignIn() {
  const { t } = useTranslation();
  const status = useQuery({
    queryKey: ['auth', 'oidc'],
    queryFn: ({ signal }) => apiGet<OidcStatus>('/api/auth/oidc', signal),
    staleTime: 5 * 60_000,
  });
  if (!status.data?.enabled) return null;
  return (
    <section aria-labelledby="sign-in-organisation" className="weerbaar-method">
      <Heading2 id="sign-in-organisation">{t('signIn.organisationHeading')}</Heading2>
      <Paragraph>{t('signIn.organisationIntro')}</Paragraph>
      <ButtonGroup>
        <ButtonRouterLink to={OIDC_START_PATH} reloadDocument appearance="secondary-action">
          {t('signIn.organisationButton')}
        </ButtonRouterLink>
      </ButtonGroup>
    </section>
  );
}

/** The refusal the server sent the browser back with (`?oidc=<problem code>`), in the page's words. */
export function organisationRefusal(t: ReturnType<typeof useTranslation>['t'], code: string | null): string | null {
  if (!code || !/^oidc_[a-z_]+$/.test(code)) return null;
  return t(`auth.problems.${code}`, { defaultValue: t('auth.problems.unknown') });
}
