import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Config, parseConfig } from './config.ts';
import { seedDemoExamples } from './demo/examples.ts';
import { type SeededAccount, seedDemoAccounts } from './demo/seed.ts';
import { systemContext } from './lib/context.ts';
import { exitWithStartError, isEntryPoint, start } from './main.ts';

/**
 * `npm run demo`: the whole portal with made-up people, to show or try it. It runs the normal server
 * (main.ts start()) with DEMO_MODE on, which shows a DEMO banner on every page and enables the demo
 * sign-in links, on a data directory of its own:
 *
 * - never on a real database: refused when DATABASE_URL is set or NODE_ENV is production;
 * - data in ./data-demo (or DEMO_DATA_DIR), with its own key file and audit checkpoints next to it;
 *   MASTER_KEY, KEY_FILE, the AUDIT_CHECKPOINT_ file and sink, and SMTP_URL are ignored, so no
 *   real key or log is used and no mail leaves the machine (the outbox keeps it);
 * - one active account per role, seeded on every start (idempotent: what a previous demo changed about
 *   these accounts is put back); the console lists one sign-in link per account;
 * - a few example records (a zelfscan result, a support request in conversation, a SIPA request in the
 *   queue, a handover, a training session with two seats taken, a woningscan request in the CCV queue), added
 *   once through the modules' own services (demo/examples.ts).
 */

export class DemoRefusedError extends Error {
  constructor(reason: string) {
    super(`npm run demo refuses to start: ${reason}`);
    this.name = 'DemoRefusedError';
  }
}

export const DEFAULT_DEMO_DATA_DIR = './data-demo';

/** The demo's configuration, from the environment (plus .env); throws DemoRefusedError when unsafe. */
export function demoConfig(env: Record<string, string | undefined>): Config {
  // Checked before the rest: production refuses local mail too, and the demo's own message is the clearer.
  if (env.NODE_ENV === 'production') {
    throw new DemoRefusedError('NODE_ENV is production. The demo is never run in production.');
  }
  const given = parseConfig(env);
  if (given.DATABASE_URL) {
    throw new DemoRefusedError(
      'DATABASE_URL is set. The demo only runs on its own embedded database (./data-demo, or DEMO_DATA_DIR); unset DATABASE_URL.',
    );
  }
  return parseConfig({
    ...env,
    DATA_DIR: env.DEMO_DATA_DIR || DEFAULT_DEMO_DATA_DIR,
    DEMO_MODE: 'true',
    MASTER_KEY: undefined,
    KEY_FILE: undefined,
    AUDIT_CHECKPOINT_FILE: undefined,
    AUDIT_CHECKPOINT_URL: undefined,
    SMTP_URL: undefined,
  });
}

/**
 * Seeds the demo accounts in one unit of work, then the example records that are missing (each through
 * its module's services, in units of their own: see demo/examples.ts).
 */
export async function seedDemo(app: FastifyInstance): Promise<SeededAccount[]> {
  const handoverDeps = { config: app.config, keyring: app.keyring };
  const accounts = await app.unitOfWork.run(systemContext(), (w) => seedDemoAccounts(w, handoverDeps));
  const added = await seedDemoExamples(app, accounts);
  if (added.length > 0) app.log.info({ examples: added }, 'demo: added example records');
  return accounts;
}

export function demoBanner(links: { account: SeededAccount; link: string }[]): string {
  const width = Math.max(...links.map(({ account }) => account.displayName.length));
  return [
    '',
    'DEMO — made-up people, nothing here is real. Sign in as (open one link; switch by opening another):',
    '',
    ...links.flatMap(({ account, link }) => [
      `  ${account.displayName.padEnd(width)}  ${account.description}`,
      `    ${link}`,
    ]),
    '',
    'The links work until the demo stops. Stop it with Ctrl-C; its data stays in the demo data directory.',
    '',
  ].join('\n');
}

async function runDemo() {
  const envFile = path.join(process.cwd(), '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const config = demoConfig(process.env);
  let accounts: SeededAccount[] = [];
  await start({
    config,
    beforeListen: async (app) => {
      accounts = await seedDemo(app);
    },
    afterListen: async (app) => {
      const links = accounts.map((account) => ({ account, link: app.demoSignIn.issueLink(account.personId) }));
      process.stdout.write(`${demoBanner(links)}\n`);
    },
  });
}

if (isEntryPoint(import.meta.url)) {
  runDemo().catch((error: unknown) => {
    if (error instanceof DemoRefusedError) {
      console.error(error.message);
      process.exit(1);
    }
    exitWithStartError(error);
  });
}
