/**
 * H5 only: the root font size that Taro's px→rem conversion expects (designWidth 750, root 40),
 * the same formula as Taro's inline script, which the API's CSP does not allow inline.
 */
export function fitRootFontSize(): void {
  if (typeof document === 'undefined') return;
  const apply = () => {
    const el = document.documentElement;
    const r = el.getBoundingClientRect();
    const w = Math.min(...[r.width, r.height].filter(Boolean));
    const x = (40 * w) / 750;
    el.style.fontSize = x >= 40 ? '40px' : x <= 20 ? '20px' : `${x}px`;
  };
  window.addEventListener('resize', () => {
    apply();
    setTimeout(apply, 500);
  });
  apply();
}
