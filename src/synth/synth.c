/* synth: the random generator and the name tables. */
#include "synth/synth.h"

#include <stdio.h>
#include <string.h>

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

int rng_weighted(struct rng *r, const int *weights, int n)
{
	int total = 0, i, x;

	for (i = 0; i < n; i++)
		total += weights[i];
	x = (int)rng_below(r, (uint32_t)total);
	for (i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

/* The most frequent surnames with weights near their share (per mille, the
 * 2020 census order), then Guizhou's 布依 and 苗 names (韦, 蒙, 潘, 岑, 龙). */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
	"胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
	"邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜",
	"叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭",
	"陆", "范", "汪", "廖", "石", "金", "韦", "贾", "夏", "付", "方", "邹", "熊", "白",
	"孟", "秦", "邱", "侯", "江", "尹", "薛", "闫", "段", "雷", "龙", "黎", "史", "陶",
	"贺", "毛", "郝", "顾", "龚", "邵", "万", "覃", "武", "钱", "戴", "严", "莫", "孔",
	"向", "常", "蒙", "岑", "欧阳", "上官",
};
static const int surname_weights[] = {
	74, 72, 68, 53, 47, 31, 22, 20, 20, 19, 17, 15, 13, 13, 12, 11, 11, 10, 10, 10, 9, 9,
	9, 8, 8, 8, 7, 7, 7, 7, 7, 7, 6, 6, 6, 9, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 3, 3, 3, 4, 3, 8, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	5, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 4, 2, 2, 2, 5, 4, 1, 1,
};

_Static_assert(sizeof(surnames) / sizeof(surnames[0]) ==
	       sizeof(surname_weights) / sizeof(surname_weights[0]), "a weight per surname");

static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
	"涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "辉", "建", "国",
	"红", "玉", "兰", "梅", "春", "海", "林", "斌", "波", "宇", "浩", "凯", "俊", "鹏",
	"飞", "婷", "雪", "琳", "晶", "欣", "燕", "琴", "云", "峰", "志", "德", "福", "成",
	"荣", "生", "龙", "亮", "东", "晓", "思", "雨", "嘉", "子", "梓", "涵", "轩", "睿",
	"博", "一", "佳", "诗", "欣", "怡", "宁", "安", "泽", "宏", "家", "永", "昌", "兴",
};

/* Characters a clerk rarely types: some in the Basic Multilingual Plane, some
 * (Extension B) taking four bytes in UTF-8. */
static const char *const rare[] = {
	"堃", "昶", "喆", "犇", "淼", "焱", "垚", "玥", "珺", "瑄", "翀", "赟", "彧", "晟",
	"𠇔", "𡈼", "𪚥", "𬌗", "𫖮", "𬱖",
};

void synth_name(struct rng *r, char *out, int size)
{
	const char *s = surnames[rng_weighted(r, surname_weights,
					      (int)(sizeof(surnames) / sizeof(surnames[0])))];
	int n = rng_below(r, 100) < 70 ? 2 : 1, i;
	size_t len;

	snprintf(out, (size_t)size, "%s", s);
	for (i = 0; i < n; i++) {
		const char *c = rng_below(r, 50) == 0
			? rare[rng_below(r, sizeof(rare) / sizeof(rare[0]))]
			: given[rng_below(r, sizeof(given) / sizeof(given[0]))];

		len = strlen(out);
		snprintf(out + len, (size_t)size - len, "%s", c);
	}
}

void synth_phone(struct rng *r, char out[12])
{
	static const char *const prefixes[] = { "13", "15", "17", "18", "19" };

	snprintf(out, 12, "%s%09u", prefixes[rng_below(r, 5)], rng_below(r, 1000000000));
}
