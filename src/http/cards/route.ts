// Membership cards: the printable card of an account, its re-issue, and the scan of its QR code.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { CardService, CardView } from '../../services/cards.js';
import { requirePrincipal } from '../auth.js';
import { errorResponse } from '../common.js';
import { accountParams } from '../accounts/schema.js';
import { accountLinks } from '../accounts/presenter.js';
import { cardPdfQuery, cardPdfResponse, cardReplacedResponse, cardResponse, reissueBody, scanBody, scanResponse } from './schema.js';

export function cardRoutes(app: FastifyInstance, deps: { cards: CardService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cards'];
  const present = async (c: CardView) => {
    const pdf = accountLinks(c.accountId).cardPdf;
    return {
      ...c,
      qrSvg: await QRCode.toString(c.token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      links: { pdf, pdfCardSize: `${pdf}?layout=card` },
    };
  };

  r.get('/api/v1/accounts/:id/card', {
    schema: {
      tags,
      summary: 'The current membership card: member number, serial and the signed token its QR code holds (holder, registrar or certifier of the area, admin)',
      params: accountParams,
      response: { 200: cardResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req, reply) => reply.header('cache-control', 'private, no-store').send(await present(await deps.cards.card(requirePrincipal(req), req.params.id))),
  });

  r.get('/api/v1/accounts/:id/card.pdf', {
    schema: {
      tags,
      summary: 'The membership card to print: Thai name, member number, home area, enrolment date (B.E.) and the QR code (holder, registrar or certifier of the area, admin)',
      params: accountParams,
      querystring: cardPdfQuery,
      response: { 200: cardPdfResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req, reply) => {
      const { pdf, card } = await deps.cards.pdf(requirePrincipal(req), req.params.id, req.query.layout);
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="khwamdee-card-${card.memberNumber.replace(/ /g, '')}-${card.serial}.pdf"`)
          .header('cache-control', 'private, no-store')
          // The PDF goes out as bytes (Fastify sends a Buffer unserialised); the schema types the body as the binary string OpenAPI describes.
          .send(pdf as unknown as string)
      );
    },
  });

  r.post('/api/v1/accounts/:id/card', {
    schema: {
      tags,
      summary: 'Re-issue the membership card (lost or damaged): the next serial; the older cards no longer scan (admin, registrar of the area, or the holder)',
      description:
        '201 with the new card; 200 with the same card when this replacement was already made (a retry or a double click). 409 `card_replaced` if `replaces` is no longer the current card.',
      params: accountParams,
      body: reissueBody,
      response: { 200: cardResponse, 201: cardResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (req, reply) => {
      const { card, replayed } = await deps.cards.reissue(requirePrincipal(req), req.params.id, req.body.replaces);
      return reply
        .code(replayed ? 200 : 201)
        .header('cache-control', 'private, no-store')
        .send(await present(card));
    },
  });

  r.post('/api/v1/accounts/scan', {
    schema: {
      tags,
      summary: "Find the account of a scanned membership card (registrar or certifier of the card holder's area, admin)",
      description:
        "422 `invalid_token` for a forged or garbled token; 404 `account_not_found` for a genuine card the caller may not read (another area's), exactly as for no account; 409 `card_replaced` for a card that was re-issued.",
      body: scanBody,
      response: { 200: scanResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: cardReplacedResponse, 422: errorResponse },
    },
    handler: async (req) => {
      const summary = await deps.cards.scan(requirePrincipal(req), req.body.token);
      return { ...summary, links: accountLinks(summary.id) };
    },
  });
}
