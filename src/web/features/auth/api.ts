import type {
  ActivationInspect,
  PasskeyAuthenticationOptions,
  PasskeyRegistrationOptions,
  RecoveryCodesResponse,
  StepUpResponse,
  TotpSetupResponse,
} from '../../../shared/auth.ts';
import { apiPost, setCsrfToken } from '../../api/client.ts';
import { createPasskey, signWithPasskey } from './passkeys.ts';

/** The activation routes (public); the token only ever travels in a POST body. */
export const activationApi = {
  inspect: (token: string) => apiPost<ActivationInspect>('/api/activation/inspect', { token }),

  async withPasskey(input: { token: string; displayName: string; email?: string | undefined }) {
    const options = await apiPost<PasskeyRegistrationOptions>('/api/activation/passkey/options', {
      token: input.token,
    });
    const response = await createPasskey(options);
    return apiPost<RecoveryCodesResponse>('/api/activation/passkey/verify', {
      token: input.token,
      displayName: input.displayName,
      ...(input.email !== undefined ? { email: input.email } : {}),
      response,
    });
  },

  startPassword: (token: string, password: string) =>
    apiPost<TotpSetupResponse>('/api/activation/password/start', { token, password }),

  completePassword: (input: { token: string; displayName: string; password: string; totpCode: string }) =>
    apiPost<RecoveryCodesResponse>('/api/activation/password/complete', input),
};

export interface PasswordSignIn {
  password: string;
  totpCode?: string | undefined;
  recoveryCode?: string | undefined;
}

/** Exactly one second factor goes to the server: the app's code, or a recovery code. */
export function secondFactor(input: { useRecoveryCode: boolean; code: string }) {
  return input.useRecoveryCode ? { recoveryCode: input.code.trim() } : { totpCode: input.code.replace(/\s+/g, '') };
}

export const signInApi = {
  async withPasskey() {
    const options = await apiPost<PasskeyAuthenticationOptions>('/api/auth/passkey/options');
    const response = await signWithPasskey(options);
    return apiPost<{ ok: true }>('/api/auth/passkey/verify', { response });
  },

  withPassword: (input: PasswordSignIn & { email: string }) => apiPost<{ ok: true }>('/api/auth/password', input),
};

export const stepUpApi = {
  async withPasskey() {
    const options = await apiPost<PasskeyAuthenticationOptions>('/api/auth/step-up/passkey/options');
    const response = await signWithPasskey(options);
    renewCsrfToken(await apiPost<StepUpResponse>('/api/auth/step-up/passkey/verify', { response }));
  },

  async withPassword(input: PasswordSignIn) {
    renewCsrfToken(await apiPost<StepUpResponse>('/api/auth/step-up/password', input));
  },
};

/** A step-up gives the session a new cookie token, and with it a new CSRF token: use it from now on. */
function renewCsrfToken(result: StepUpResponse) {
  setCsrfToken(result.csrfToken);
}
