import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FormWriter } from './form-writer.js';
import { officeOf } from './forms.service.js';

async function pagesOf(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) pages.push((await (await doc.getPage(i)).getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join(''));
  await doc.destroy();
  return pages;
}

describe('FormWriter', () => {
  it('breaks a long table over pages, repeats its header, and numbers every page in the footer with who printed it', async () => {
    const w = new FormWriter({ title: '测试表', printedBy: '张三（街道审核人员）', printedAt: '2026-12-04 09:30', watermark: '张三 2026-12-04' });
    w.title('测试表');
    const rows = Array.from({ length: 90 }, (_, i) => [`成员${i + 1}`, `第${i + 1}行`]);
    w.section('家庭成员').table(
      [
        { header: '姓名', width: 100 },
        { header: '备注', width: 300 },
      ],
      rows,
    );
    const pdf = await w.finish();
    const pages = await pagesOf(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((text, i) => {
      expect(text).toMatch(/姓名\s*备注/);
      expect(text).toContain('打印人：张三（街道审核人员）');
      expect(text).toContain('打印时间：2026-12-04 09:30');
      expect(text).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`);
    });
    const all = pages.join('').replace(/\s+/g, '');
    for (const [name, note] of rows) expect(all).toContain(`${name}${note}`);
  });

  it('says 无 in an empty table', async () => {
    const w = new FormWriter({ title: 't', printedBy: 'p', printedAt: 'a', watermark: 'w' });
    w.table([{ header: '困难类型', width: 100 }], []);
    expect((await pagesOf(await w.finish())).join('')).toMatch(/困难类型\s*无/);
  });
});

describe('officeOf', () => {
  it('names the office that signs a notice', () => {
    expect(officeOf('柳城街道')).toBe('柳城街道办事处');
    expect(officeOf('永宁镇')).toBe('永宁镇人民政府');
    expect(officeOf('万春乡')).toBe('万春乡人民政府');
    expect(officeOf('')).toBe('街道办事处（乡镇人民政府）');
  });
});
