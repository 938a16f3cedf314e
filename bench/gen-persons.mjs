// gen-persons.mjs N DIVISIONS_CSV — writes to stdout a CSV of N generated persons spread over
// the villages (level 5) of DIVISIONS_CSV, in the columns `jiceng import persons` reads:
//   name,gender,id_number,birth_date,phone,education,political_status,division_code
// Deterministic (fixed seed), so two runs of the benchmark load the same data.
// ID numbers: GB 11643, region = the village's county (first 6 digits of its code), birth
// date 1941-01-01 .. 2005-12-31, sequence with an odd 17th digit for men, MOD 11-2 check
// character; all distinct.
import { readFileSync } from 'node:fs';

const n = Number(process.argv[2] ?? 200000);
const divFile = process.argv[3] ?? 'data/divisions-522700.csv';
if (!Number.isInteger(n) || n < 1) {
	console.error('usage: node bench/gen-persons.mjs N [DIVISIONS_CSV]');
	process.exit(2);
}

// mulberry32: small, fast, seeded
let seed = 0x5227_0001;
function rnd() {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = seed;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

const villages = [];
for (const line of readFileSync(divFile, 'utf8').split('\n').slice(1)) {
	const c = line.split(',');
	if (c[3] === '5') villages.push(c[0]);
}
if (!villages.length) {
	console.error(`gen-persons: no level-5 divisions in ${divFile}`);
	process.exit(1);
}

// Common Han surnames weighted by repetition, and surnames frequent among the Buyi and Miao
// of 黔南 (韦 罗 莫 潘 蒙 石 龙 吴 杨).
const surnames = [
	...'王王王李李李张张张刘刘陈陈杨杨杨黄黄赵吴吴吴周徐孙马朱胡郭何高林罗罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石石廖贾夏韦韦韦付方白邹孟熊秦邱江尹薛闫段雷侯龙龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫莫孔向汤蒙蒙岑班王',
];
const male = [...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳峰建国志文海兵亮成'];
const female = [...'芳娜敏静丽艳娟霞秀英燕玲桂兰萍红梅琳雪婷颖倩莉洁慧琴云芬凤丹晶蓉'];
const middle = [...'小晓春秋金玉永世德光明天正红家国大文思子佳嘉'];
const educations = [
	...Array(3).fill('primary'), ...Array(5).fill('junior'), ...Array(4).fill('senior'),
	...Array(3).fill('college'), ...Array(2).fill('bachelor'), 'master', 'doctor',
];
const statuses = [...Array(8).fill('masses'), ...Array(2).fill('league'), 'member'];

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';
function checkChar(s17) {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += (s17.charCodeAt(i) - 48) * weights[i];
	return checkChars[sum % 11];
}

const dayMs = 86400000;
const firstBirth = Date.UTC(1941, 0, 1);
const birthDays = Math.floor((Date.UTC(2005, 11, 31) - firstBirth) / dayMs) + 1;
const pad = (v, w) => String(v).padStart(w, '0');

// ID_REGION (six digits) issues every ID number in that region instead of the
// village's county, so that a file never clashes with data generated there
const region = process.env.ID_REGION || null;
const seen = new Set();
const out = ['name,gender,id_number,birth_date,phone,education,political_status,division_code'];
for (let i = 0; i < n; i++) {
	const village = pick(villages);
	const isMale = rnd() < 0.52;
	let id, birth;
	do {
		const d = new Date(firstBirth + Math.floor(rnd() * birthDays) * dayMs);
		birth = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
		// sequence 001..999 with the parity of the gender
		const seq = int(0, 498) * 2 + (isMale ? 1 : 2);
		const s17 = (region || village.slice(0, 6)) + birth.replaceAll('-', '') + pad(seq, 3);
		id = s17 + checkChar(s17);
	} while (seen.has(id));
	seen.add(id);
	const given = isMale ? male : female;
	const r = rnd();
	const name = pick(surnames) + (r < 0.35 ? '' : pick(r < 0.6 ? middle : given)) + pick(given);
	const phone = '1' + int(3, 9) + pad(int(0, 999999999), 9);
	out.push([name, isMale ? 'male' : 'female', id, birth, phone, pick(educations), pick(statuses), village].join(','));
	if (out.length >= 20000) {
		process.stdout.write(out.join('\n') + '\n');
		out.length = 0;
	}
}
process.stdout.write(out.length ? out.join('\n') + '\n' : '');
