/**
 * The JSON entity of a multipart/form-data sObject create (`entity_content`) with each file part
 * (`Body`...) set base64-encoded on its field, as Salesforce stores a blob. The body was decoded
 * as latin1, so each byte is one character. Undefined when the body is not such a request.
 */
export function multipartEntity(
  contentType: string,
  body: string,
): Record<string, unknown> | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return undefined;
  let entity: Record<string, unknown> | undefined;
  const files: Record<string, string> = {};
  for (const chunk of body.split(`--${boundary}`)) {
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = chunk.slice(0, split);
    const content = chunk.slice(split + 4).replace(/\r\n$/, '');
    const name = /name="([^"]+)"/i.exec(head)?.[1];
    if (!name) continue;
    if (/application\/json/i.test(head) || name === 'entity_content') {
      try {
        entity = JSON.parse(Buffer.from(content, 'latin1').toString('utf8'));
      } catch {
        return undefined;
      }
    } else {
      files[name] = Buffer.from(content, 'latin1').toString('base64');
    }
  }
  return entity ? { ...entity, ...files } : undefined;
}
