import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { WEB_PATHS } from '../../shared/web-paths.ts';
import type { SignInState } from '../features/auth/navigation.ts';
import { Button } from '../ui/index.ts';
import { RouterLink } from '../ui/RouterLink.tsx';
import { useSession } from './session.ts';
import './shell-parts.css';

/** A clear banner on every page of a demo installation: nothing here is real. */
export function DemoBanner() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.demo) return null;
  return (
    <aside className="weerbaar-demo-banner" aria-label={t('session.demo.label')}>
      <div className="weerbaar-container">
        <p>
          <strong>{t('session.demo.badge')}</strong> {t('session.demo.text')}
        </p>
      </div>
    </aside>
  );
}

/** Links in the main menu that depend on who is signed in. */
export function SessionNavItems() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.person) return null;
  return (
    <>
      <li>
        <RouterLink to={WEB_PATHS.account}>{t('session.nav.account')}</RouterLink>
      </li>
      {session.hasRole('officeholder') && (
        <li>
          <RouterLink to={WEB_PATHS.relatives}>{t('session.nav.relatives')}</RouterLink>
        </li>
      )}
      {session.hasRole('admin') && (
        <li>
          <RouterLink to={WEB_PATHS.admin}>{t('session.nav.admin')}</RouterLink>
        </li>
      )}
    </>
  );
}

/** In the header: "Inloggen", or who is signed in with a sign-out button. */
export function AccountArea() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  if (session.loading) return null;
  if (!session.person) {
    return (
      <div className="weerbaar-account-area">
        <RouterLink to={WEB_PATHS.signIn} className="weerbaar-account-area__sign-in">
          {t('session.signIn')}
        </RouterLink>
      </div>
    );
  }
  return (
    <div className="weerbaar-account-area">
      <span className="weerbaar-account-area__name">
        {t('session.signedInAs', { name: session.person.displayName ?? session.person.email })}
      </span>
      <Button
        appearance="secondary-action-button"
        className="weerbaar-header-button"
        onClick={() => {
          const state: SignInState = { notice: 'signedOut' };
          void session.signOut(() => navigate(WEB_PATHS.signIn, { state }));
        }}
      >
        {t('session.signOut')}
      </Button>
    </div>
  );
}
