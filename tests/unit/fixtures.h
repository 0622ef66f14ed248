/*
 * Paragraphs of the fictional 青河日报 for the unit tests: mixed Han,
 * Latin and digits, half- and full-width punctuation, long URLs, kana,
 * hangul, emoji, combining marks.  Our own writing.
 */
#ifndef KANBAO_FIXTURES_H
#define KANBAO_FIXTURES_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static const char *const fixture_paras[] = {
	"本报讯 记者林晓岚报道：6月8日清晨，青河市东郊的千亩麦田里，十几台联合收割机排成一列缓缓推进，金黄的麦穗被卷入机仓。",
	"“往年最怕的是机子等人、人等机子，今年手机上一约，第二天机手就到了。”东郊村种粮大户周永福说，他家的麦子只用了两天就全部收完。",
	"细颗粒物（PM2.5）平均浓度为每立方米24微克，同比下降11.1%，全文见 https://www.qinghe-news.example/air/2025-05/report-monthly.html 。",
	"Guides speak English, Japanese and Korean, and a map with QR codes is available at every pier of the riverside promenade.",
	"代表团团长致辞：「青河の皆さん、いつも温かく迎えてくださってありがとうございます。」双方交换了意见。",
	"청하 시민 여러분, 여름 축제에 오신 것을 환영합니다. 韩国友好城市也发来了问候。",
	"表情符号👩‍👩‍👧与组合字符é̃、旗帜🇨🇳以及零宽连接符测试……——结束。",
	"数字串1234567890123456789012345678901234567890与书名《青河日报》《青河晚报》（试刊）并列，“引号”在行首行尾都要守规矩。",
	"短",
	"",
};
#define NFIXTURES (sizeof fixture_paras / sizeof fixture_paras[0])

/*
 * Fewer than most pieces, each chosen at random (rand()) from piece[0..n),
 * one after another into out, which has room for most of the longest;
 * their length.  The random texts of the tests that compare two ways of
 * doing one thing.
 */
static inline size_t
fixture_pieces(char *out, const char *const *piece, size_t n, int most)
{
	size_t		len = 0, k;
	const char	*p;

	for (k = (size_t)(rand() % most); k > 0; k--) {
		p = piece[(size_t)rand() % n];
		memcpy(out + len, p, strlen(p));
		len += strlen(p);
	}
	return len;
}

#endif
