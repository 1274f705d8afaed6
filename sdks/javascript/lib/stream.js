'use strict';

const { errorFromResponse, ServiceError } = require('./errors');

/**
 * The text chunks of an OpenAI-style server-sent event stream (`data: {chunk}` ... `data: [DONE]`): each chunk's
 * `choices[0].text` (completions) or `choices[0].delta.content` (chat), empty ones skipped.
 */
async function* textChunks(response) {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        const data = event.split(/\r?\n/).filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, '')).join('\n');
        if (data === '') {
          continue;
        }
        if (data === '[DONE]') {
          return;
        }
        const chunk = parse(data);
        if (chunk.error) {
          throw errorFromResponse(chunk.error.status || 500, response.headers, chunk);
        }
        const choice = (chunk.choices || [])[0] || {};
        const text = choice.text ?? choice.delta?.content;
        if (text) {
          yield text;
        }
      }
      if (done) {
        return;
      }
    }
  } finally {
    reader.releaseLock();
    await response.body.cancel().catch(() => {});
  }
}

function parse(data) {
  try {
    return JSON.parse(data);
  } catch (cause) {
    throw new ServiceError('The stream sent an event that is not JSON', { code: 'invalid_stream', cause });
  }
}

module.exports = { textChunks };
