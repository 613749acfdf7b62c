import { Readable, pipeline } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import { spreadsheetSafe } from '../../core/imports.js';
import type { ImportService, ReportLine } from '../../services/imports.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import {
  csvDownload,
  ERRORS_CSV_COLUMNS,
  errorsPage,
  errorsQuery,
  IMPORT_DOC,
  importParams,
  importView,
  listQuery,
  UPLOAD_MEDIA_TYPES,
  uploadBody,
  uploadQuery,
} from './schema.js';

function csvLine(l: ReportLine): string[] {
  return [String(l.row), l.ref ?? '', l.column, l.code, l.outcome, l.message.th, l.message.en, l.detail ?? ''].map(spreadsheetSafe);
}

export function importRoutes(app: FastifyInstance, deps: { imports: ImportService }) {
  const tags = ['imports'];

  // The upload alone takes a raw body, of any declared type, as a stream: the service decides what
  // it accepts and how much. The rest of the API stays JSON only.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post('/api/v1/imports', {
      schema: {
        tags,
        summary: 'Upload a CSV, JSON Lines or XML file of attestations (issuer); processed in the background',
        description: IMPORT_DOC,
        consumes: UPLOAD_MEDIA_TYPES,
        querystring: uploadQuery,
        body: uploadBody.optional(),
        response: { 202: importView, 400: errorResponse, 401: errorResponse, 403: errorResponse, 413: errorResponse, 415: errorResponse, 429: errorResponse },
      },
      handler: async (req, reply) => {
        const declared = req.headers['content-length'];
        const view = await deps.imports.upload(requirePrincipal(req), {
          contentType: req.headers['content-type'],
          fileName: req.query.fileName,
          // No body at all is an empty file.
          body: req.body ?? Readable.from([]),
          declaredLength: declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined,
          manifest: typeof req.headers['x-khwamdee-manifest'] === 'string' ? req.headers['x-khwamdee-manifest'] : undefined,
        });
        return reply.code(202).header('location', `/api/v1/imports/${view.id}`).send(view);
      },
    });
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/imports', {
    schema: {
      tags,
      summary: "The agency's own imports, newest first",
      querystring: listQuery,
      response: { 200: z.object({ items: z.array(importView) }), 401: errorResponse, 403: errorResponse },
    },
    handler: async (req) => ({ items: await deps.imports.list(requirePrincipal(req), req.query) }),
  });

  r.get('/api/v1/imports/:id', {
    schema: {
      tags,
      summary: 'An import: status, progress and totals (only for the agency that uploaded it)',
      description: IMPORT_DOC,
      params: importParams,
      response: { 200: importView, 401: errorResponse, 404: errorResponse },
    },
    handler: async (req) => deps.imports.get(requirePrincipal(req), req.params.id),
  });

  r.get('/api/v1/imports/:id/errors', {
    schema: {
      tags,
      summary: 'The error report as JSON pages, in file order (for a console)',
      params: importParams,
      querystring: errorsQuery,
      response: { 200: errorsPage, 401: errorResponse, 404: errorResponse },
    },
    handler: async (req) => {
      const limit = req.query.limit ?? 100;
      const after = req.query.afterRow !== undefined ? { row: req.query.afterRow, seq: req.query.afterSeq ?? Number.MAX_SAFE_INTEGER } : undefined;
      const page = await deps.imports.errorPage(requirePrincipal(req), req.params.id, { after, limit });
      const last = page.items.at(-1);
      return { ...page, ...(last && page.items.length === limit ? { next: { afterRow: last.row, afterSeq: last.seq } } : {}) };
    },
  });

  r.get('/api/v1/imports/:id/errors.csv', {
    schema: {
      tags,
      summary: 'The error report as CSV (UTF-8 with BOM, opens in Excel): row, ref, column, code, outcome, message_th, message_en, detail',
      params: importParams,
      produces: ['text/csv'],
      response: { 200: csvDownload, 401: errorResponse, 404: errorResponse },
    },
    handler: async (req, reply) => {
      const lines = await deps.imports.report(requirePrincipal(req), req.params.id);
      const csv = stringify({ bom: true, header: true, columns: [...ERRORS_CSV_COLUMNS], record_delimiter: 'windows' });
      const rows = (async function* () {
        for await (const line of lines) yield csvLine(line);
      })();
      // Rows are read page by page as the client takes them; an error half-way ends the download.
      pipeline(Readable.from(rows), csv, (err) => {
        if (err) req.log.error({ err }, 'error report stopped');
      });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-${req.params.id}-errors.csv"`).send(csv);
    },
  });
}
