#!/bin/sh
# Writes the charset-*.xml test feeds: the same small UTF-8 text
# converted with iconv, so each file's bytes are really in its charset.
# Run it here by hand; the output is committed.
set -e
feed() {	# feed CHARSET DECLARED TITLE ITEM
	printf '<?xml version="1.0" encoding="%s"?>\n<rss version="2.0"><channel>\n<title>%s</title>\n<link>http://charset.example/</link>\n<item><title>%s</title><description>&lt;p&gt;%s&lt;/p&gt;</description></item>\n</channel></rss>\n' \
	    "$2" "$3" "$4" "$4"
}
gen() {	# gen NAME CHARSET TITLE ITEM
	feed "$2" "$2" "$3" "$4" | iconv -f UTF-8 -t "$2" > "charset-$1.xml"
}
gen windows-1251 windows-1251 'Новости порта' 'Паром отправится в 7:00 — «точно»'
gen koi8-r KOI8-R 'Вести с пристани' 'Ледокол вышел из гавани'
gen euc-kr EUC-KR '항구 소식' '여객선 시간표 변경'
gen shift_jis Shift_JIS '港のニュース' 'フェリーの時刻表が変わります'
gen gb18030 GB18030 '港口新闻' '渡轮时刻表更改'
gen iso-8859-2 ISO-8859-2 'Wiadomości z Gdańska' 'Żółty prom wypłynął'
gen iso-8859-7 ISO-8859-7 'Νέα του λιμανιού' 'Το πλοίο έφυγε νωρίς'
gen iso-8859-15 ISO-8859-15 'Prix du port' 'Le billet coûte 5 € œuvre'
# UTF-16 with byte order marks; the declaration names UTF-16.
feed UTF-16 UTF-16 'Hafen' 'Fähre fährt früh' | iconv -f UTF-8 -t UTF-16LE | { printf '\377\376'; cat; } > charset-utf-16le.xml
feed UTF-16 UTF-16 'Hafen' 'Fähre fährt früh' | iconv -f UTF-8 -t UTF-16BE | { printf '\376\377'; cat; } > charset-utf-16be.xml
# UTF-8 with a BOM and no declaration of its charset.
{ printf '\357\273\277'; feed UTF-8 UTF-8 'Ångström' 'Ærø — ß'; } | sed 's/ encoding="UTF-8"//' > charset-utf8-bom.xml
# Invalid UTF-8 and stray control bytes: each becomes U+FFFD or is dropped.
printf '<rss version="2.0"><channel><title>Bad \377 byte</title>\n<item><title>cut \342\202 here, \001bell\007 and \300\200 overlong</title></item></channel></rss>\n' > charset-invalid.xml
# An unknown charset name: read as UTF-8, with a warning.
feed x-no-such-charset x-no-such-charset 'Unknown' 'Still read' > charset-unknown.xml
