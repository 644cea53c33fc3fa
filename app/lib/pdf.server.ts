import { existsSync, readFileSync } from "node:fs";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

/*
 * What every PDF of the platform (result slip, hours, class and credential certificates)
 * starts from, drawn with pdfkit. Chinese text needs a font with CJK glyphs embedded in the
 * file: WenQuanYi Micro Hei from the Debian package fonts-wqy-microhei by default, or any
 * TrueType/OpenType font named by PDF_FONT_PATH (for a collection, .ttc, PDF_FONT_NAME
 * picks the face by its PostScript name).
 */

export const DEFAULT_PDF_FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
const DEFAULT_TTC_FACE = "WenQuanYiMicroHei";

export class PdfFontMissingError extends Error {}

let cachedFont: { path: string; data: Buffer } | null = null;

/** The CJK font for PDFs (path from PDF_FONT_PATH or the Debian default), read once. */
export function pdfFont(): { data: Buffer; family: string | undefined; path: string } {
  const path = process.env.PDF_FONT_PATH?.trim() || DEFAULT_PDF_FONT_PATH;
  if (cachedFont?.path !== path) {
    if (!existsSync(path)) {
      throw new PdfFontMissingError(
        `PDF font not found at ${path}. Install the Debian package fonts-wqy-microhei (apt-get install fonts-wqy-microhei), ` +
          `or set PDF_FONT_PATH to a TrueType/OpenType font with Chinese glyphs (for a .ttc collection also set PDF_FONT_NAME to the face's PostScript name).`,
      );
    }
    cachedFont = { path, data: readFileSync(path) };
  }
  const family = /\.(ttc|otc)$/i.test(path) ? process.env.PDF_FONT_NAME?.trim() || DEFAULT_TTC_FACE : undefined;
  return { data: cachedFont.data, family, path };
}

/**
 * A new document with the CJK font selected, and the text column (left edge and width
 * inside the margins). Draw on `doc`, then `finish()` ends it and resolves with the bytes.
 */
export function createPdf(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; left: number; width: number; finish: () => Promise<Buffer> } {
  const font = pdfFont();
  const doc = new PDFDocument(options);
  // Collect the stream from the start: pdfkit writes as it draws.
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("cjk", font.data, font.family);
  doc.font("cjk");
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  return {
    doc,
    left,
    width,
    finish: () => {
      doc.end();
      return done;
    },
  };
}

/** Draws the QR code of a verification address, `size` points square with its top left at (x, y); one setting for every document. */
export async function drawQrCode(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): Promise<void> {
  const png = await QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 240 });
  doc.image(png, x, y, { width: size, height: size });
}
