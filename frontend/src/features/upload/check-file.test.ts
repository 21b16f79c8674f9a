import { describe, expect, it } from "vitest";
import { FALLBACK_CONFIG } from "@/features/upload/api/get-config";
import { MESSAGES, acceptAttribute, acceptedKinds, checkFile } from "@/features/upload/check-file";

function file(bytes: BlobPart, name = "resume.pdf"): File {
  return new File([bytes], name);
}

const bytes = (...values: number[]) => new Uint8Array(values);

describe("checkFile: the API's upload rules, in the browser", () => {
  it("accepts a PDF, a DOCX (a ZIP), plain text and Markdown", async () => {
    expect(await checkFile(file("%PDF-1.7\n..."), FALLBACK_CONFIG)).toBeNull();
    expect(await checkFile(file(bytes(0x50, 0x4b, 0x03, 0x04, 1, 2), "cv.docx"), FALLBACK_CONFIG)).toBeNull();
    expect(await checkFile(file("Jane Doe\nEngineer\n", "cv.txt"), FALLBACK_CONFIG)).toBeNull();
    expect(await checkFile(file("# Jane Doe\n", "cv.md"), FALLBACK_CONFIG)).toBeNull();
  });

  it("accepts UTF-16 text with a byte order mark", async () => {
    const utf16 = bytes(0xff, 0xfe, 0x4a, 0x00, 0x61, 0x00, 0x6e, 0x00, 0x65, 0x00);
    expect(await checkFile(file(utf16, "cv.txt"), FALLBACK_CONFIG)).toBeNull();
  });

  it("refuses an empty or blank file", async () => {
    expect(await checkFile(file(""), FALLBACK_CONFIG)).toBe(MESSAGES.empty);
    expect(await checkFile(file("  \n\t ", "a.txt"), FALLBACK_CONFIG)).toBe(MESSAGES.empty);
  });

  it("refuses a file over the size limit, naming both sizes", async () => {
    const config = { ...FALLBACK_CONFIG, max_upload_bytes: 1024 };
    const message = await checkFile(file("%PDF-" + "x".repeat(2048)), config);
    expect(message).toMatch(/2 KB.*limit is 1 KB/);
  });

  it("refuses images, legacy Word files and RTF", async () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
    expect(await checkFile(file(png, "me.png"), FALLBACK_CONFIG)).toBe(MESSAGES.binary);
    const ole = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0);
    expect(await checkFile(file(ole, "cv.doc"), FALLBACK_CONFIG)).toBe(MESSAGES.legacyOffice);
    expect(await checkFile(file("{\\rtf1\\ansi hello}", "cv.rtf"), FALLBACK_CONFIG)).toBe(MESSAGES.rtf);
  });

  it("describes the accepted types from the API's config", () => {
    expect(acceptedKinds(FALLBACK_CONFIG)).toBe("PDF, DOCX, TXT, MD, JSON, YAML or ADOC");
    expect(acceptAttribute(FALLBACK_CONFIG)).toContain(".docx");
    expect(acceptAttribute(FALLBACK_CONFIG)).toContain("application/pdf");
  });
});
