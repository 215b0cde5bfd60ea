import { skipToken, useQuery } from '@tanstack/react-query';
import type { SessionInfo } from '../../../shared/session.ts';
import { SESSION_QUERY_KEY } from '../../session/session.ts';
import { ResultPage } from './ResultPage.tsx';
import { SavedResultActions, SavedResultNote } from './SavedResultActions.tsx';

/**
 * The result page for everyone; a signed-in officeholder or relative also gets "save my result", the
 * action plan and the change since last time in its actions slot. Anonymous people see nothing extra.
 * The session is read from the shell's cache only (skipToken): the anonymous scan makes no request.
 */
export function SignedInResultPage() {
  const session = useQuery<SessionInfo>({ queryKey: SESSION_QUERY_KEY, queryFn: skipToken });
  const roles = session.data?.person?.roles ?? [];
  const canSave = roles.includes('officeholder') || roles.includes('relative');
  if (!canSave) return <ResultPage />;
  return (
    <ResultPage
      note={(scan) => <SavedResultNote scan={scan} />}
      actions={(scan) => <SavedResultActions key={JSON.stringify(scan.answers)} scan={scan} />}
    />
  );
}
