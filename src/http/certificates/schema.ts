// Certificates as the API answers them: the W3C VC 2.0 / Open Badges 3.0 credential (exactly the
// signed JWT payload, so its JWT claims too) and the compact `vc+jwt`. The web client reads the
// credential to tell a person in words what a certificate says, so every part is typed here.
import { z } from 'zod';
import { accountIdSchema } from '../common.js';

export const certificateParams = z.object({ id: accountIdSchema });
export const creditCertificateParams = certificateParams.extend({ creditId: z.uuid() });

const resultDescription = z.object({
  id: z.string().describe('The achievement id and a fragment naming the result (#points, #hours, #score…)'),
  type: z.array(z.string()),
  name: z.string().describe('Thai / English'),
  resultType: z.string(),
  valueMax: z.string().optional(),
});

const achievement = z.object({
  id: z.string(),
  type: z.array(z.string()),
  achievementType: z.string(),
  name: z.string().describe('Thai / English'),
  description: z.string().describe('Thai, a line break, English'),
  criteria: z.object({ narrative: z.string().describe('Thai, a line break, English') }),
  humanCode: z.string().optional().describe('The indicator code (credit certificates)'),
  version: z.string().optional().describe('The rule version the credit was computed with'),
  tag: z.array(z.string()).optional(),
  resultDescription: z.array(resultDescription),
});

/** W3C Bitstring Status List entry: the bit the reversal of a stated credit sets. */
export const credentialStatusView = z.object({
  id: z.string(),
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: z.literal('revocation'),
  statusListIndex: z.string().describe('Decimal index of the bit in the list'),
  statusListCredential: z.string().describe('URL of the signed status list credential (vc+jwt)'),
});

export const credentialView = z
  .object({
    '@context': z.array(z.string()),
    credentialStatus: credentialStatusView.optional().describe('Present on every certificate issued since reversals exist'),
    id: z.string().describe('urn:uuid:…, also the JWT jti'),
    type: z.array(z.string()),
    issuer: z.object({ id: z.string(), type: z.array(z.string()), name: z.string(), url: z.string() }),
    validFrom: z.string(),
    name: z.string().describe('Thai / English'),
    description: z.string().describe('What the certificate states: Thai, a line break, English'),
    credentialSubject: z.object({
      type: z.array(z.string()),
      name: z.string().describe('The holder’s display name (never an ID number)'),
      identifier: z.array(z.object({ type: z.string(), identityType: z.string(), hashed: z.boolean(), identityHash: z.string() })),
      activityStartDate: z.string().describe('YYYY-MM-DD (Bangkok)'),
      activityEndDate: z.string().describe('YYYY-MM-DD (Bangkok)'),
      achievement,
      result: z.array(z.object({ type: z.array(z.string()), resultDescription: z.string().describe('id of a resultDescription'), value: z.string() })),
    }),
    evidence: z.array(
      z.object({
        type: z.array(z.string()),
        name: z.string().describe('Thai / English'),
        narrative: z.string().describe('Thai, a line break, English'),
        genre: z.string().optional(),
      }),
    ),
    iss: z.string().describe('JWT issuer: the same as issuer.id'),
    iat: z.number().int().describe('JWT issued-at (seconds): the same instant as validFrom'),
    jti: z.string().describe('JWT id: the same as id'),
  })
  .describe('The W3C VC 2.0 / Open Badges 3.0 credential: exactly the signed JWT payload');

export const issuedCertificate = z.object({
  credential: credentialView,
  jwt: z.string().describe('The credential secured as `vc+jwt` (EdDSA); verify with /.well-known/jwks.json'),
});

export const verifiedCertificate = z.object({
  valid: z.boolean().describe('Signed by this platform, well formed, in its validity period and not revoked'),
  revoked: z.boolean().describe('A credit the certificate states was reversed by its issuer or certifier'),
  status: z
    .object({
      list: z.number().int(),
      index: z.number().int(),
      revokedAt: z.string().nullable(),
      reversalId: z.string().nullable().describe('The reversal that revoked it'),
    })
    .nullable()
    .describe('The certificate’s status entry (null for certificates issued without one)'),
  credential: credentialView,
});
