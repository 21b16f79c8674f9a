import type { WebConfig } from "@/lib/api/client";
import { formatBytes } from "@/lib/format";

/**
 * The browser's copy of the API's upload checks (core/documents.py `sniff_kind`): the size
 * limit, then the first bytes. Like the API it judges the content, not the file name.
 * Returns a message for the person, or null when the API should accept the file.
 */
export async function checkFile(file: File, config: WebConfig): Promise<string | null> {
  if (file.size === 0) return MESSAGES.empty;
  if (file.size > config.max_upload_bytes) {
    return (
      `This file is ${formatBytes(file.size)}; the limit is ` +
      `${formatBytes(config.max_upload_bytes)}. Remove images or export a smaller PDF.`
    );
  }
  const head = new Uint8Array(await readHead(file, HEAD_BYTES));
  return checkHead(head, file.size);
}

const HEAD_BYTES = 8192;

export const MESSAGES = {
  empty: "The file is empty. Upload the resume itself, not a blank file.",
  legacyOffice:
    "This is an old Word (.doc) file or a password-protected document. Save it as .docx or PDF " +
    "(without a password) and upload that.",
  rtf: "RTF files are not supported. Export your resume as PDF or DOCX and upload that.",
  binary:
    "This file is not a PDF, DOCX, TXT or Markdown document. Export your resume as PDF or " +
    "DOCX and upload that.",
} as const;

export function checkHead(head: Uint8Array, size: number): string | null {
  if (includes(head.subarray(0, 1024), PDF)) return null;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return null; // ZIP: a .docx (the API checks)
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return MESSAGES.legacyOffice;
  }
  const text = decodeHead(head);
  if (text === null) return MESSAGES.binary;
  if (text.trimStart().startsWith("{\\rtf")) return MESSAGES.rtf;
  if (size <= head.length && text.trim() === "") return MESSAGES.empty;
  return looksLikeText(text) ? null : MESSAGES.binary;
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const TEXT_CONTROLS_OK = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]);

function decodeHead(head: Uint8Array): string | null {
  const boms: [number[], string][] = [
    [[0xff, 0xfe, 0x00, 0x00], "utf-32le"],
    [[0x00, 0x00, 0xfe, 0xff], "utf-32be"],
    [[0xff, 0xfe], "utf-16le"],
    [[0xfe, 0xff], "utf-16be"],
  ];
  for (const [bom, encoding] of boms) {
    if (startsWith(head, bom)) {
      if (encoding.startsWith("utf-32")) return " "; // rare; leave the verdict to the API
      return new TextDecoder(encoding).decode(head.subarray(bom.length));
    }
  }
  if (head.includes(0)) return null;
  return String.fromCharCode(...head);
}

function looksLikeText(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && !TEXT_CONTROLS_OK.has(code)) controls++;
  }
  return controls <= Math.floor(text.length / 100);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function includes(bytes: Uint8Array, needle: number[]): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function readHead(file: File, bytes: number): Promise<ArrayBuffer> {
  const blob = file.slice(0, bytes);
  if (typeof blob.arrayBuffer === "function") return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

/** The `accept` attribute for the file picker, from the API's list. */
export function acceptAttribute(config: WebConfig): string {
  return config.accepted_types.flatMap((t) => [...t.extensions, ...t.media_types]).join(",");
}

/** "PDF, DOCX, TXT, MD, JSON, YAML or ADOC" */
export function acceptedKinds(config: WebConfig): string {
  const names = config.accepted_types.map((t) => t.kind.toUpperCase());
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names.join("");
}
