import { useCallback, useState } from 'react';
import type { FieldProblem } from '../../ui/index.ts';

/**
 * Problems of one form: what the error summary lists and what each field shows. `report` replaces
 * them and counts an attempt (so the summary takes focus again); `clear` empties them.
 */
export function useFormProblems() {
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [attempt, setAttempt] = useState(0);

  const report = useCallback((next: FieldProblem[]) => {
    setProblems(next);
    setAttempt((count) => count + 1);
    return next.length === 0;
  }, []);

  const clear = useCallback(() => setProblems([]), []);

  const errorFor = useCallback(
    (fieldId: string) => problems.find((problem) => problem.fieldId === fieldId)?.message,
    [problems],
  );

  return { problems, attempt, report, clear, errorFor };
}
