import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The trained model the OCR reads with: LSTM "best" weights quantised to int8 (smaller, faster, read better here). */
export const OCR_LANGUAGE = 'chi_sim';
const DATA_VARIANT = '4.0.0_best_int';

export interface LanguageData {
  lang: string;
  /** Folder holding `<lang>.traineddata.gz`: given to tesseract.js as langPath. */
  langPath: string;
  file: string;
}

/**
 * Locates the bundled traineddata in node_modules (@tesseract.js-data/<lang>) and checks the file
 * is there. This must pass before any worker starts: given a missing langPath, tesseract.js falls
 * back to downloading from a CDN, and on a network without Internet that crashes the process.
 */
export function resolveLanguageData(lang = OCR_LANGUAGE): LanguageData {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  } catch {
    throw new Error(`OCR language data @tesseract.js-data/${lang} is not installed (npm install @tesseract.js-data/${lang})`);
  }
  const langPath = join(dirname(pkg), DATA_VARIANT);
  const file = join(langPath, `${lang}.traineddata.gz`);
  if (!existsSync(file) || statSync(file).size < 1024) throw new Error(`OCR language data missing or empty: ${file}`);
  return { lang, langPath, file };
}
