'use strict';

const crypto = require('node:crypto');

/**
 * Checks a webhook delivery's `X-PaiTIENT-Signature: t=<unix seconds>,v1=<hex>` header: `v1` must be the
 * HMAC-SHA256, keyed with the webhook's secret, of `t`, a dot and the raw body, and `t` no further than
 * `tolerance` seconds from now (a replayed delivery fails).
 *
 * @param {string} secret the webhook's `secret` (`whsec_...`), as the create answered it
 * @param {string} header the `X-PaiTIENT-Signature` header's value
 * @param {string|Buffer|Uint8Array} body the raw request body, exactly as received (not re-serialized JSON)
 * @param {{tolerance?: number, now?: number}} [options] tolerance in seconds (default 300); now in unix seconds
 * @returns {boolean}
 */
function verifyWebhookSignature(secret, header, body, { tolerance = 300, now = Date.now() / 1000 } = {}) {
  if (typeof secret !== 'string' || typeof header !== 'string' || body == null) {
    return false;
  }
  const parts = {};
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at > 0) {
      const key = part.slice(0, at).trim();
      (parts[key] = parts[key] || []).push(part.slice(at + 1).trim());
    }
  }
  const timestamp = parts.t && parts.t[0];
  if (!timestamp || !/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > tolerance) {
    return false;
  }
  const expected = Buffer.from(crypto.createHmac('sha256', secret).update(`${timestamp}.`)
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body)).digest('hex'));
  return (parts.v1 || []).some((signature) => {
    const given = Buffer.from(signature);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}

/** The `X-PaiTIENT-Signature` value the service would send for this body (for tests of a receiver). */
function signWebhookPayload(secret, body, timestamp = Math.floor(Date.now() / 1000)) {
  const v1 = crypto.createHmac('sha256', secret).update(`${timestamp}.`)
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body)).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

module.exports = { verifyWebhookSignature, signWebhookPayload };
