/** The part of fontkit (no published types) the forms use: parse a font once, hand it to pdfkit. */
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
