import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { incidentPathResponseSchema } from '../../../shared/incident-path.ts';
import {
  draftBodySchema,
  draftKeyResponseSchema,
  draftResponseSchema,
  EVIDENCE_MAX_BYTES,
  evidenceFieldsSchema,
  evidenceParamsSchema,
  evidenceResponseSchema,
  exportBodySchema,
  exportListResponseSchema,
  followUpInputSchema,
  followUpResponseSchema,
  INCIDENT_LIMITS,
  incidentIdParamsSchema,
  incidentInputSchema,
  incidentListResponseSchema,
  incidentPatchSchema,
  incidentResponseSchema,
  signingKeyResponseSchema,
} from '../../../shared/incidents.ts';
import { contentDisposition } from '../../lib/content-disposition.ts';
import { contextOf } from '../../lib/context.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import { PDF_RATE_LIMIT } from '../../lib/pdf.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import type { IncidentDeps } from './access.ts';
import { exportDossier, listExports, SIGNING_PURPOSE } from './dossier.ts';
import { deleteDraft, draftKey, getDraft, saveDraft } from './drafts.ts';
import { addEvidence, deleteEvidence, type EvidenceFile, readOriginal, readView } from './evidence.ts';
import { uploadProblem } from './evidence-intake.ts';
import { getIncidentPath } from './path.ts';
import { addFollowUp, createIncident, deleteIncident, getIncident, listIncidents, updateIncident } from './service.ts';

/** Office holders and relatives record incidents; every other route is the owner's, decided per record. */
const RECORDERS: RouteAccess = { roles: ['officeholder', 'relative'] };
const tags = ['incidents'];
const BASE = '/api/me/incidents';

/** A file answer that no browser will run: sandboxed, never sniffed, never cached. */
function sendFile(
  reply: FastifyReply,
  file: EvidenceFile | { fileName: string; contentType: string; size: number; body: unknown },
  inline: boolean,
) {
  return reply
    .header(
      'Content-Disposition',
      contentDisposition(file.fileName).replace(/^attachment/, inline ? 'inline' : 'attachment'),
    )
    .header('Content-Length', String(file.size))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "sandbox; default-src 'none'; frame-ancestors 'none'")
    .header('Cache-Control', 'no-store')
    .type(file.contentType)
    .send(file.body);
}

export function incidentRoutes(deps: IncidentDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, {
      limits: {
        fileSize: EVIDENCE_MAX_BYTES,
        files: 1,
        fields: 3,
        parts: 4,
        fieldSize: INCIDENT_LIMITS.sourceUrl,
        headerPairs: 50,
      },
    });

    app.get(
      BASE,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'My incidents, newest first, with the escalation signals',
          response: { 200: incidentListResponseSchema },
        },
      },
      async (request) => listIncidents(deps, contextOf(request)),
    );

    app.post(
      BASE,
      {
        config: { access: RECORDERS },
        schema: {
          tags,
          summary: 'Record an incident (quick entry: date, what happened and channel; the rest may follow)',
          body: incidentInputSchema,
          response: { 201: incidentResponseSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ incident: await createIncident(deps, contextOf(request), request.body) }),
    );

    app.get(
      `${BASE}/draft`,
      {
        config: { access: 'signedIn' },
        schema: { tags, summary: 'My quick-entry draft, if any', response: { 200: draftResponseSchema } },
      },
      async (request) => getDraft(deps, contextOf(request)),
    );

    app.put(
      `${BASE}/draft`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'Save my quick-entry draft (encrypted)',
          body: draftBodySchema,
          response: { 200: draftResponseSchema },
        },
      },
      async (request) => saveDraft(deps, contextOf(request), request.body.draft),
    );

    app.delete(
      `${BASE}/draft`,
      { config: { access: 'signedIn' }, schema: { tags, summary: 'Discard my draft' } },
      async (request, reply) => {
        await deleteDraft(deps, contextOf(request));
        return reply.status(204).send();
      },
    );

    app.get(
      `${BASE}/draft-key`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'The key my browser encrypts an offline draft with (kept in memory only)',
          response: { 200: draftKeyResponseSchema },
        },
      },
      async (request, reply) => {
        reply.header('Cache-Control', 'no-store');
        return draftKey(deps, contextOf(request));
      },
    );

    app.get(
      `${BASE}/exports`,
      {
        config: { access: 'signedIn' },
        schema: { tags, summary: 'The dossiers I exported', response: { 200: exportListResponseSchema } },
      },
      async (request) => ({ exports: await listExports(deps, contextOf(request)) }),
    );

    app.post(
      `${BASE}/dossier`,
      {
        config: { access: 'signedIn', rateLimit: PDF_RATE_LIMIT },
        schema: {
          tags,
          summary: 'Export a police dossier of my incidents: a ZIP (PDF, originals, signed SHA256SUMS) or the PDF only',
          body: exportBodySchema,
        },
      },
      async (request, reply) => sendFile(reply, await exportDossier(deps, contextOf(request), request.body), false),
    );

    app.get(
      '/api/incidents/signing-key',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The public key that signs dossier manifests (Ed25519, PEM), to check a dossier against',
          response: { 200: signingKeyResponseSchema },
        },
      },
      async () => {
        const signer = deps.keyring.signer(SIGNING_PURPOSE);
        return { publicKeyPem: signer.publicKeyPem, publicKeyId: signer.publicKeyId };
      },
    );

    app.get(
      `${BASE}/:incidentId`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'One of my incidents with its timeline and evidence',
          params: incidentIdParamsSchema,
          response: { 200: incidentResponseSchema },
        },
      },
      async (request) => ({ incident: await getIncident(deps, contextOf(request), request.params.incidentId) }),
    );

    app.get(
      `${BASE}/:incidentId/path`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: "One of my incidents' path: internal report, police, protection, damages, aftercare",
          params: incidentIdParamsSchema,
          response: { 200: incidentPathResponseSchema },
        },
      },
      async (request) => getIncidentPath(deps, contextOf(request), request.params.incidentId),
    );

    app.patch(
      `${BASE}/:incidentId`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'Complete or correct one of my incidents',
          params: incidentIdParamsSchema,
          body: incidentPatchSchema,
          response: { 200: incidentResponseSchema },
        },
      },
      async (request) => ({
        incident: await updateIncident(deps, contextOf(request), request.params.incidentId, request.body),
      }),
    );

    app.delete(
      `${BASE}/:incidentId`,
      {
        config: { access: 'signedIn' },
        schema: { tags, summary: 'Delete one of my incidents with everything in it', params: incidentIdParamsSchema },
      },
      async (request, reply) => {
        await deleteIncident(deps, contextOf(request), request.params.incidentId);
        return reply.status(204).send();
      },
    );

    app.post(
      `${BASE}/:incidentId/follow-ups`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'Add a follow-up to the timeline',
          params: incidentIdParamsSchema,
          body: followUpInputSchema,
          response: { 201: followUpResponseSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send({
          followUp: await addFollowUp(deps, contextOf(request), request.params.incidentId, request.body),
        }),
    );

    app.post(
      `${BASE}/:incidentId/evidence`,
      {
        // A multipart body, read by the handler itself (request-input.ts).
        config: { access: 'signedIn', takesBody: true },
        schema: {
          tags,
          summary:
            'Add evidence: multipart/form-data with optional fields caption, sourceUrl, sourceHandle first, then one part named `file`',
          params: incidentIdParamsSchema,
          response: { 201: evidenceResponseSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw new AppError(
            415,
            'unsupported_media_type',
            'Unsupported Media Type',
            'Send the file as multipart/form-data.',
          );
        }
        let part: Awaited<ReturnType<typeof request.file>>;
        try {
          part = await request.file();
        } catch (error) {
          throw uploadProblem(error);
        }
        if (part?.fieldname !== 'file') {
          part?.file.resume();
          throw badRequest('evidence_missing', 'Send one file in a part named `file`, after the other fields.');
        }
        const raw: Record<string, string> = {};
        for (const [name, field] of Object.entries(part.fields)) {
          if (name === 'file' || !field || Array.isArray(field) || field.type !== 'field') continue;
          raw[name] = String(field.value);
        }
        const fields = evidenceFieldsSchema.safeParse(raw);
        if (!fields.success) {
          part.file.resume();
          throw badRequest(
            'invalid_fields',
            'Some fields are not valid.',
            fields.error.issues.map((issue) => ({
              field: `body/${issue.path.join('/') || 'fields'}`,
              message: issue.message,
              code: issue.code,
            })),
          );
        }
        const upload = part;
        const evidence = await addEvidence(deps, contextOf(request), request.params.incidentId, {
          stream: upload.file,
          fileName: upload.filename ?? '',
          fields: fields.data,
          truncated: () => upload.file.truncated,
        });
        return reply.status(201).send({ evidence });
      },
    );

    app.get(
      `${BASE}/:incidentId/evidence/:evidenceId`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'View a piece of evidence (a photo without its location and camera metadata)',
          params: evidenceParamsSchema,
        },
      },
      async (request, reply) => {
        const { incidentId, evidenceId } = request.params;
        const file = await readView(deps, contextOf(request), incidentId, evidenceId);
        return sendFile(reply, file, file.contentType.startsWith('image/'));
      },
    );

    app.get(
      `${BASE}/:incidentId/evidence/:evidenceId/original`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'Download the exact original of a piece of evidence (audited)',
          params: evidenceParamsSchema,
        },
      },
      async (request, reply) => {
        const { incidentId, evidenceId } = request.params;
        return sendFile(reply, await readOriginal(deps, contextOf(request), incidentId, evidenceId), false);
      },
    );

    app.delete(
      `${BASE}/:incidentId/evidence/:evidenceId`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: 'Delete a piece of evidence, leaving a tombstone (hash, size, dates)',
          params: evidenceParamsSchema,
          response: { 200: evidenceResponseSchema },
        },
      },
      async (request) => {
        const { incidentId, evidenceId } = request.params;
        return { evidence: await deleteEvidence(deps, contextOf(request), incidentId, evidenceId) };
      },
    );
  };
}
