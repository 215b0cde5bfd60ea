import '../../../ui/prose.css';
import '../cases.css';
import type { ReactNode } from 'react';
import type { Role } from '../../../../shared/roles.ts';
import type { SessionInfo } from '../../../../shared/session.ts';
import { PageGate as Gate } from '../../../session/PageGate.tsx';
import { useSession } from '../api.ts';

interface PageGateProps {
  title: string;
  roles: readonly Role[];
  children: (session: SessionInfo) => ReactNode;
}

/**
 * The case pages' frame: running text at the reading size with space between paragraphs, as on the
 * package pages, around the one page gate (src/web/session/PageGate.tsx), which checks sign-in and the
 * role and sets the title. The server checks every call.
 */
export function PageGate({ title, roles, children }: PageGateProps) {
  return (
    <div className="weerbaar-prose weerbaar-cases">
      <Gate roles={roles} title={title}>
        <WithSession render={children} />
      </Gate>
    </div>
  );
}

function WithSession({ render }: { render: (session: SessionInfo) => ReactNode }) {
  const info = useSession().info;
  return info ? render(info) : null;
}
