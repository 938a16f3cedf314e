// Client-side checks that mirror the server's (the server decides; these only save a round trip).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643-1999 citizen ID number: 18 characters, valid birth date, ISO 7064 MOD 11-2. */
export function idNumberError(value) {
  const s = String(value || '').trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(s)) return '身份证号应为18位，最后一位可为数字或X'
  const y = +s.slice(6, 10)
  const m = +s.slice(10, 12)
  const d = +s.slice(12, 14)
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date > new Date())
    return '身份证号中的出生日期无效'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += +s[i] * ID_WEIGHTS[i]
  if (ID_CHECK[sum % 11] !== s[17]) return '身份证号校验位不正确'
  return ''
}

/** Mobile numbers (1[3-9] + 9 digits); landlines with an area code are accepted too. */
export function phoneError(value) {
  const s = String(value || '').trim()
  const digits = s.replace(/[\s-]/g, '')
  if (/[^\d\s-]/.test(s)) return '电话号码只能包含数字、空格和短横线'
  if (/^1[3-9]\d{9}$/.test(digits)) return ''
  if (/^0\d{9,11}$/.test(digits)) return ''
  return '请输入正确的手机号（11位）或带区号的固定电话'
}

const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** GB 32100-2015 统一社会信用代码: 18 characters of the code set, check character mod 31. */
export function creditCodeError(value) {
  const s = String(value || '').trim().toUpperCase()
  if (s.length !== 18) return '统一社会信用代码应为18位'
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CC_CHARS.indexOf(s[i])
    if (v < 0) return '统一社会信用代码含有无效字符'
    sum += v * CC_WEIGHTS[i]
  }
  const check = CC_CHARS[(31 - (sum % 31)) % 31]
  if (s[17] !== check) return '统一社会信用代码校验位不正确'
  return ''
}

/** Masked values come from the server ("5227*************X"); they are not user input. */
export function isMasked(value) {
  return typeof value === 'string' && value.includes('*')
}

/** A phone number the server sent whole (never a mask): one a tel: link may dial. */
export function isCallable(value) {
  return typeof value === 'string' && /^\+?\d[\d-]{5,}$/.test(value)
}
