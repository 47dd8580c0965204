/** The pixel route's `data` query parameter: base64 (standard or URL-safe) of the event's JSON. */
import { GatewayError, invalidBody, payloadTooLarge } from '../app/errors';
import type { ParsedBody } from '../app/types';
import { parseJsonBody } from '../middleware/body/read-body';

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function decodePixelData(data: string | undefined, maxBytes: number): ParsedBody {
  if (data === undefined || data === '') {
    throw new GatewayError(
      'invalid_body',
      'the data query parameter is required: base64 (URL-safe or standard) of the event JSON',
    );
  }
  // A `+` left unescaped in a query string arrives as a space.
  const text = data.replaceAll(' ', '+');
  if (text.length > Math.ceil((maxBytes * 4) / 3) + 4) throw payloadTooLarge(maxBytes, 'the data parameter');
  if (!BASE64.test(text)) throw invalidBody('the data query parameter is not base64');
  return parseJsonBody(Buffer.from(text, 'base64'));
}
