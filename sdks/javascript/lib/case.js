'use strict';

/**
 * The API speaks snake_case, the SDK camelCase. Keys are converted at every depth, except inside maps whose keys
 * are the caller's own data (`tags`), which travel as they are.
 */
const VERBATIM = new Set(['tags']);

function toCamel(key) {
  return key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

function toSnake(key) {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function convert(value, keyOf) {
  if (Array.isArray(value)) {
    return value.map((item) => convert(item, keyOf));
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    return value instanceof Date ? value.toISOString() : value;
  }
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) {
      continue;
    }
    const converted = keyOf(key);
    out[converted] = VERBATIM.has(key) || VERBATIM.has(converted) ? item : convert(item, keyOf);
  }
  return out;
}

/** The API's snake_case answer as the SDK's camelCase object. */
const camelize = (value) => convert(value, toCamel);

/** The SDK's camelCase options as the API's snake_case body (undefined members are left out). */
const snakify = (value) => convert(value, toSnake);

module.exports = { camelize, snakify, toCamel, toSnake };
