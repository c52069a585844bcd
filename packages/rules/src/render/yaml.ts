import { Document } from 'yaml';

/** Serialises data as YAML with a header comment; long PromQL stays on one line. */
export function toYaml(data: unknown, header: string): string {
  const doc = new Document(data);
  doc.commentBefore = ` ${header}`;
  return doc.toString({ lineWidth: 0 });
}
