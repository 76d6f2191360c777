/** Short words for the worker's small screen. */

/** "四川省成都市温江区柳城街道和平社区居委会柳台大道8号" → "和平社区 柳台大道8号": the grid is known, the province is not news. */
export function shortAddress(address: string | null | undefined): string {
  if (!address) return '';
  let a = address.replace(/^.*?(市辖区|[^省市]{1,8}区|[^省市]{1,8}县)/, '');
  a = a.replace(/^[^路街道号]{1,10}(街道|镇|乡)/, '');
  a = a.replace(/(社区)?居委会|村委会/, (m) => (m.startsWith('社区') ? '社区 ' : ' '));
  return a.trim() || address;
}
