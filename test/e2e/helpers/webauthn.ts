import type { CDPSession, Page } from 'playwright-core';

/** A credential as the CDP WebAuthn domain describes it (private key included). */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

export interface VirtualAuthenticator {
  authenticatorId: string;
  /** The credentials the authenticator holds now (resident keys made by registrations). */
  credentials: () => Promise<VirtualCredential[]>;
  addCredential: (credential: VirtualCredential) => Promise<void>;
  remove: () => Promise<void>;
}

/**
 * A virtual platform authenticator in this page's Chromium (CDP WebAuthn domain): CTAP2.1, internal
 * transport, resident keys and user verification, with presence simulated, so passkey registration and
 * sign-in need no person and no dialog. Each browser context gets its own, like a person's own device.
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    authenticatorId,
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    addCredential: async (credential) => {
      await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    },
    remove: async () => {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    },
  };
}

/**
 * Swaps the page's authenticator for a fresh one, as when someone adds a passkey on another device: one
 * authenticator holds one passkey per account, and the browser refuses a second (excludeCredentials).
 * `backToOld` puts the old device back (a fresh virtual authenticator with the old passkeys).
 */
export async function otherDevice(
  page: Page,
  old: VirtualAuthenticator,
): Promise<{ authenticator: VirtualAuthenticator; backToOld: () => Promise<VirtualAuthenticator> }> {
  const previous = await old.credentials();
  await old.remove();
  const authenticator = await addVirtualAuthenticator(page);
  return {
    authenticator,
    backToOld: async () => {
      await authenticator.remove();
      const restored = await addVirtualAuthenticator(page);
      for (const credential of previous) await restored.addCredential(credential);
      return restored;
    },
  };
}
