import { describe, expect, it } from 'vitest';
import { acceptedMediaType, contentDisposition, evidencePath, isPhoto } from './evidence.js';

describe('evidence media policy', () => {
  it.each([
    ['image/jpeg', 'image/jpeg'],
    ['image/png', 'image/png'],
    ['image/webp', 'image/webp'],
    ['application/pdf', 'application/pdf'],
    ['image/svg+xml', undefined],
    ['text/html', undefined],
    ['application/zip', undefined],
    ['image/gif', undefined],
    ['image/heic', undefined],
    [undefined, undefined],
  ])('detected %s is accepted as %s', (detected, accepted) => {
    expect(acceptedMediaType(detected)).toBe(accepted);
  });

  it('shows photos inline and always downloads a PDF, under a made-up name', () => {
    const h = 'ab'.repeat(32);
    expect(contentDisposition('image/png', h)).toBe('inline; filename="evidence-abababababab.png"');
    expect(contentDisposition('application/pdf', h)).toBe('attachment; filename="evidence-abababababab.pdf"');
    expect(isPhoto('application/pdf')).toBe(false);
    expect(evidencePath('acc', h)).toBe(`/api/v1/accounts/acc/evidence/${h}`);
  });
});
