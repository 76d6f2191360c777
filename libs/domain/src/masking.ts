/** Masking of sensitive values for display and logs: written once, used by API, console and mini-program. */

/** ID number: first 6 + last 4 visible (docs/DOMAIN.md §6). */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** Phone: first 3 + last 4 visible. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** Bank account: last 4 visible. */
export function maskBankAccount(account: string): string {
  if (account.length <= 4) return '*'.repeat(account.length);
  return '*'.repeat(account.length - 4) + account.slice(-4);
}

const ID_PATTERN = /(?<![0-9])([1-9]\d{5})(\d{8}|\d{5})(\d{3}[\dXx])(?![0-9])/g;
const PHONE_PATTERN = /(?<![0-9])(1[3-9]\d)(\d{4})(\d{4})(?![0-9])/g;

/** Masks every ID number and mobile phone found in free text (used for log lines). */
export function maskSensitiveText(text: string): string {
  return text
    .replace(ID_PATTERN, (_m, a: string, mid: string, b: string) => `${a}${'*'.repeat(mid.length + b.length - 4)}${b.slice(-4)}`)
    .replace(PHONE_PATTERN, (_m, a: string, _mid: string, b: string) => `${a}****${b}`);
}

/** "张三丰" → "张**": staff lists and files show who, not the full name. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
