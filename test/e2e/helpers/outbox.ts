import { readFile } from 'node:fs/promises';
import { expect, inject } from 'vitest';

/** Everything the server printed so far (test/e2e/global-setup.ts writes it to a file). */
export async function serverOutput(): Promise<string> {
  return readFile(inject('serverLog'), 'utf8');
}

const LINK = /https?:\/\/[^\s]+\/activeren#token=[A-Za-z0-9_-]+/g;

/** The first-start setup link the server printed, the last one if it printed several. */
export async function setupLink(): Promise<string> {
  const output = await serverOutput();
  const start = output.lastIndexOf('Weerbaar has no active admin yet');
  const links = start >= 0 ? output.slice(start).match(LINK) : null;
  if (!links?.[0]) throw new Error(`No setup link on the server console:\n${output}`);
  return links[0];
}

/** Mails as the local transport prints them: "📬 Mail (local mode, not sent) to <address>". */
const MAIL_MARKER = 'Mail (local mode, not sent) to ';

export function mailsIn(output: string): { to: string; text: string }[] {
  return output
    .split(MAIL_MARKER)
    .slice(1)
    .map((block) => {
      const newline = block.indexOf('\n');
      return { to: block.slice(0, newline).trim(), text: block.slice(newline + 1) };
    });
}

/** The activation link in the latest mail to `recipient` printed on the console; waits for it to appear. */
export async function activationLinkFor(recipient: string, notIn: string[] = []): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        const mails = mailsIn(await serverOutput()).filter((mail) => mail.to.toLowerCase() === recipient.toLowerCase());
        const links = mails.flatMap((mail) => mail.text.match(LINK) ?? []).filter((link) => !notIn.includes(link));
        found = links.at(-1);
        return found;
      },
      { timeout: 10_000, interval: 200 },
    )
    .toBeTruthy();
  return found as string;
}
