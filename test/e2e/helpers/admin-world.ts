import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, personContext } from './case-server.ts';

/**
 * What the admin pages' journeys share: a server of their own (a fresh database), a browser, and the
 * first admin signed in. `page()` opens another signed-in page (at a viewport of its own); `stop()`
 * closes every one of them with the browser and the server.
 */
export class AdminWorld {
  readonly #contexts: BrowserContext[] = [];

  private constructor(
    readonly server: CaseServer,
    readonly browser: Browser,
    readonly admin: ApiPerson,
  ) {}

  static async start(): Promise<AdminWorld> {
    const server = await CaseServer.start();
    const browser = await launchBrowser();
    return new AdminWorld(server, browser, await firstAdmin(server));
  }

  async page(viewport?: { width: number; height: number }): Promise<Page> {
    const context = await personContext(this.browser, this.admin, viewport);
    this.#contexts.push(context);
    return context.newPage();
  }

  async stop(): Promise<void> {
    for (const context of this.#contexts) await context.close();
    await this.browser.close();
    await this.server.stop();
  }
}
