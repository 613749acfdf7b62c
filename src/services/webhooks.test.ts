import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { backoffMs, checkWebhookUrl, ownWords, signWebhook, verifyWebhookSignature, WEBHOOK_DEFAULTS } from './webhooks.js';

const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I';
const body = '{"id":"0190","type":"redemption.issued","createdAt":"2026-11-20T03:00:00.000Z","data":{"points":50}}';
const t = 1_795_000_000;

describe('webhook signatures', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256 keyed by the secret string, as t=…,v1=<hex>', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, t, body)).toBe(`t=${t},v1=${expected}`);
    expect(signWebhook(secret, t, Buffer.from(body))).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies a fresh signature, also as a Buffer body and with the timestamp at the edge of the tolerance', () => {
    const header = signWebhook(secret, t, body);
    expect(verifyWebhookSignature(secret, header, body, t)).toBe(true);
    expect(verifyWebhookSignature(secret, header, Buffer.from(body), t + 300)).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, t - 300)).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, t + 60, 60)).toBe(true);
  });

  it('refuses a tampered body', () => {
    const header = signWebhook(secret, t, body);
    expect(verifyWebhookSignature(secret, header, body.replace('"points":50', '"points":500'), t)).toBe(false);
    expect(verifyWebhookSignature(secret, header, `${body} `, t)).toBe(false);
  });

  it('refuses the wrong secret', () => {
    expect(verifyWebhookSignature(`${secret}x`, signWebhook(secret, t, body), body, t)).toBe(false);
    expect(verifyWebhookSignature(secret, signWebhook('another secret', t, body), body, t)).toBe(false);
  });

  it('refuses an old (or far future) timestamp, even with a correct signature', () => {
    const header = signWebhook(secret, t, body);
    expect(verifyWebhookSignature(secret, header, body, t + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, t - 301)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, t + 61, 60)).toBe(false);
  });

  it('refuses a timestamp swapped into a valid signature, and malformed headers', () => {
    const v1 = signWebhook(secret, t, body).split(',v1=')[1]!;
    expect(verifyWebhookSignature(secret, `t=${t + 1},v1=${v1}`, body, t)).toBe(false);
    for (const bad of [undefined, null, '', 'garbage', `v1=${v1}`, `t=${t}`, `t=${t},v1=abc`, `t=${t},t=${t},v1=${v1}`, `t=-${t},v1=${v1}`, `t=${t}.5,v1=${v1}`]) {
      expect(verifyWebhookSignature(secret, bad, body, t), String(bad)).toBe(false);
    }
  });

  it('accepts any one matching v1 among several (secret rotation), in any case, with spaces', () => {
    const good = signWebhook(secret, t, body).split(',v1=')[1]!;
    const other = signWebhook('old secret', t, body).split(',v1=')[1]!;
    expect(verifyWebhookSignature(secret, `t=${t}, v1=${other}, v1=${good.toUpperCase()}`, body, t)).toBe(true);
  });
});

describe('webhook retries', () => {
  it('doubles from 10 s and stops growing at one hour, without jitter', () => {
    const schedule = Array.from({ length: 12 }, (_, i) => backoffMs(i) / 1000);
    expect(schedule).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600]);
    expect(backoffMs(1_000)).toBe(WEBHOOK_DEFAULTS.maxBackoffMs);
    expect(backoffMs(3, 1_000, 5_000)).toBe(5_000);
  });
});

describe('webhook URLs', () => {
  const refusal = (url: string) => {
    try {
      checkWebhookUrl(url);
    } catch (err) {
      return err instanceof AppError ? err.code : 'other';
    }
    return 'accepted';
  };

  it('accepts http and https URLs, normalised and without the fragment', () => {
    expect(checkWebhookUrl('https://hooks.example.co.th/khwamdee?x=1#frag')).toBe('https://hooks.example.co.th/khwamdee?x=1');
    expect(checkWebhookUrl(' http://127.0.0.1:8081/hook ')).toBe('http://127.0.0.1:8081/hook');
    expect(checkWebhookUrl('HTTPS://Example.COM')).toBe('https://example.com/');
  });

  it('refuses other schemes, credentials, relative and overlong URLs', () => {
    for (const url of [
      'ftp://example.com/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'mailto:a@b.c',
      '/relative',
      'example.com/hook',
      `https://example.com/${'a'.repeat(2000)}`,
    ]) {
      expect(refusal(url), url).toBe('invalid_webhook_url');
    }
    expect(refusal('https://user:pass@example.com/hook')).toBe('invalid_webhook_url');
    expect(refusal('https://user@example.com/hook')).toBe('invalid_webhook_url');
    expect(refusal('https://:pass@example.com/hook')).toBe('invalid_webhook_url');
  });
});

describe('ownWords', () => {
  it("keeps our own failure texts and cuts what older versions kept of the receiver's answer", () => {
    for (const own of [
      'HTTP 500',
      'HTTP 302: redirect_not_followed',
      'timeout: no answer within 5000 ms',
      'network_error: ECONNREFUSED',
      'address_not_allowed: loopback',
      'HTTP 500 (gave up after 12 attempts)',
    ])
      expect(ownWords(own)).toBe(own);
    expect(ownWords('HTTP 500: {"aws_secret":"…"}')).toBe('HTTP 500');
    expect(ownWords('HTTP 404: Not Found (gave up after 12 attempts)')).toBe('HTTP 404 (gave up after 12 attempts)');
    expect(ownWords('network error: fetch failed (connect ECONNREFUSED 10.0.0.1:80)')).toBe('network_error');
    expect(ownWords(null)).toBeNull();
  });
});
