import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * Printable forms as PDF: A4, Chinese text in Noto Sans SC (OFL, shipped on npm by
 * `@expo-google-fonts/noto-sans-sc`, so nothing is downloaded at run time), subset into each file by
 * pdfkit/fontkit. A footer on every page says who printed it and when, with page numbers.
 */

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

let fonts: { regular: fontkit.Font; bold: fontkit.Font } | null = null;

/**
 * The two fonts, read and parsed once per process (about 10 MB each): pdfkit takes a parsed font, and
 * reusing it (with fontkit's glyph cache) makes a form about five times faster than parsing per file.
 */
function formFonts(): { regular: fontkit.Font; bold: fontkit.Font } {
  const load = (file: string): fontkit.Font => fontkit.create(readFileSync(require.resolve(file)));
  fonts ??= { regular: load(FONT_FILES.regular), bold: load(FONT_FILES.bold) };
  return fonts;
}

export interface FormMeta {
  title: string;
  /** Footer line: who printed it, in what role, and when. */
  printedBy: string;
  printedAt: string;
  /** Shown faintly across each page (the printer's name and date). */
  watermark: string;
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

const MARGIN = 50;
const FOOTER_SPACE = 40;
const BODY = 10;
const LINE = '#000000';
const GREY = '#666666';

/** A small layout vocabulary over pdfkit: title, sections, label–value grids, tables, paragraphs, signature lines. */
export class FormWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(private readonly meta: FormMeta) {
    const f = formFonts();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN },
      bufferPages: true,
      info: { Title: meta.title, Producer: '政策找人', Creator: '政策找人' },
      lang: 'zh-CN',
      displayTitle: true,
    });
    // pdfkit accepts a parsed fontkit font (its types list only files and buffers).
    this.doc.registerFont('body', f.regular as unknown as Buffer);
    this.doc.registerFont('bold', f.bold as unknown as Buffer);
    this.doc.font('body').fontSize(BODY).fillColor(LINE);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  private get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER_SPACE;
  }

  /** Starts a new page when fewer than `height` points remain. */
  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, subtitle?: string): this {
    this.doc.font('bold').fontSize(18).text(text, MARGIN, this.doc.y, { width: this.width, align: 'center' });
    if (subtitle) this.doc.font('body').fontSize(9).fillColor(GREY).text(subtitle, { width: this.width, align: 'center' }).fillColor(LINE);
    this.doc.moveDown(0.8).font('body').fontSize(BODY);
    return this;
  }

  section(text: string): this {
    // Keep a heading with the first rows under it.
    this.ensure(80);
    this.doc.moveDown(0.4).font('bold').fontSize(12).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2).font('body').fontSize(BODY);
    return this;
  }

  paragraph(text: string, opts: { indent?: boolean; bold?: boolean; align?: 'left' | 'right' | 'justify' } = {}): this {
    this.doc.font(opts.bold ? 'bold' : 'body').fontSize(opts.bold ? 11 : BODY);
    this.ensure(this.doc.heightOfString(text, { width: this.width }) + 4);
    this.doc.text(text, MARGIN, this.doc.y, { width: this.width, indent: opts.indent ? BODY * 2 : 0, lineGap: 4, align: opts.align ?? 'left' });
    this.doc.moveDown(0.3).font('body').fontSize(BODY);
    return this;
  }

  /** Label–value pairs in bordered cells, `perRow` pairs to a row. */
  fields(pairs: Array<[string, string]>, perRow = 2): this {
    const labelWidth = 76;
    const cellWidth = this.width / perRow;
    for (let i = 0; i < pairs.length; i += perRow) {
      const row = pairs.slice(i, i + perRow);
      const heights = row.map(([, v]) => this.doc.heightOfString(v || '—', { width: cellWidth - labelWidth - 8 }));
      const h = Math.max(18, ...heights.map((x) => x + 8));
      this.ensure(h);
      const y = this.doc.y;
      row.forEach(([label, value], j) => {
        const x = MARGIN + j * cellWidth;
        this.doc.rect(x, y, labelWidth, h).fillAndStroke('#f2f2f2', LINE).fillColor(LINE);
        this.doc.rect(x + labelWidth, y, cellWidth - labelWidth, h).stroke();
        this.doc.text(label, x + 4, y + 4, { width: labelWidth - 8 });
        this.doc.text(value || '—', x + labelWidth + 4, y + 4, { width: cellWidth - labelWidth - 8 });
      });
      this.doc.x = MARGIN;
      this.doc.y = y + h;
    }
    this.doc.moveDown(0.3);
    return this;
  }

  /** A bordered table; its header row is repeated on each new page. `empty` is shown when there are no rows. */
  table(columns: Column[], rows: string[][], empty = '无'): this {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const scale = this.width / total;
    const widths = columns.map((c) => c.width * scale);
    const drawRow = (cells: string[], header: boolean): void => {
      this.doc.font(header ? 'bold' : 'body').fontSize(header ? 9 : 9);
      const h = Math.max(18, ...cells.map((c, i) => this.doc.heightOfString(c || '—', { width: widths[i]! - 6 }) + 8));
      if (this.doc.y + h > this.bottom) {
        this.doc.addPage();
        if (!header)
          drawRow(
            columns.map((c) => c.header),
            true,
          );
        this.doc.font('body').fontSize(9);
      }
      const y = this.doc.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        const w = widths[i]!;
        if (header) this.doc.rect(x, y, w, h).fillAndStroke('#f2f2f2', LINE).fillColor(LINE);
        else this.doc.rect(x, y, w, h).stroke();
        this.doc.text(c || '—', x + 3, y + 4, { width: w - 6, align: header ? 'center' : (columns[i]!.align ?? 'left') });
        x += w;
      });
      this.doc.x = MARGIN;
      this.doc.y = y + h;
    };
    this.ensure(40);
    drawRow(
      columns.map((c) => c.header),
      true,
    );
    if (rows.length === 0) drawRow([empty, ...columns.slice(1).map(() => '')], false);
    for (const r of rows) drawRow(r, false);
    this.doc.font('body').fontSize(BODY).moveDown(0.5);
    return this;
  }

  /** An empty bordered box with ruled lines, to write in by hand. */
  box(label: string, lines = 4): this {
    const h = 22 * lines + 20;
    this.ensure(h);
    const y = this.doc.y;
    this.doc.rect(MARGIN, y, this.width, h).stroke();
    this.doc
      .fillColor(GREY)
      .text(label, MARGIN + 4, y + 4)
      .fillColor(LINE);
    for (let i = 1; i <= lines; i++)
      this.doc
        .moveTo(MARGIN + 8, y + 18 + 22 * i)
        .lineTo(MARGIN + this.width - 8, y + 18 + 22 * i)
        .dash(1, { space: 2 })
        .strokeColor('#999999')
        .stroke()
        .undash()
        .strokeColor(LINE);
    this.doc.x = MARGIN;
    this.doc.y = y + h;
    this.doc.moveDown(0.5);
    return this;
  }

  /** Signature lines: each label followed by a blank to sign on and a blank for the date. */
  signatures(labels: string[]): this {
    this.ensure(30 * labels.length + 10);
    for (const label of labels) {
      const y = this.doc.y + 8;
      this.doc.text(`${label}（签字）：`, MARGIN, y, { continued: false });
      this.doc
        .moveTo(MARGIN + 130, y + 13)
        .lineTo(MARGIN + 300, y + 13)
        .stroke();
      this.doc.text('日期：', MARGIN + 320, y);
      this.doc
        .moveTo(MARGIN + 355, y + 13)
        .lineTo(MARGIN + this.width, y + 13)
        .stroke();
      this.doc.x = MARGIN;
      this.doc.y = y + 22;
    }
    return this;
  }

  /** Adds the footer and watermark to every page and returns the file. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const { width, height } = this.doc.page;
      // pdfkit would add a page for text below the bottom margin: lift it for the footer.
      const margins = { ...this.doc.page.margins };
      this.doc.page.margins.bottom = 0;
      this.doc.save();
      this.doc
        .rotate(-30, { origin: [width / 2, height / 2] })
        .font('body')
        .fontSize(28)
        .fillColor('#000000', 0.06)
        .text(this.meta.watermark, 0, height / 2 - 14, { width, align: 'center', lineBreak: false });
      this.doc.restore();
      const y = height - MARGIN - 14;
      this.doc
        .moveTo(MARGIN, y - 4)
        .lineTo(width - MARGIN, y - 4)
        .strokeColor('#999999')
        .lineWidth(0.5)
        .stroke()
        .strokeColor(LINE)
        .lineWidth(1);
      this.doc
        .font('body')
        .fontSize(8)
        .fillColor(GREY, 1)
        .text(`打印人：${this.meta.printedBy}\u3000打印时间：${this.meta.printedAt}\u3000含个人信息，请妥善保管`, MARGIN, y, {
          width: width - MARGIN * 2 - 80,
          lineBreak: false,
        });
      this.doc.text(`第 ${i - range.start + 1} 页 / 共 ${range.count} 页`, width - MARGIN - 80, y, { width: 80, align: 'right', lineBreak: false });
      this.doc.fillColor(LINE);
      this.doc.page.margins = margins;
    }
    this.doc.end();
    return this.done;
  }
}
