/*
 * Colours a terminal can show: a theme's palette index or #rrggbb becomes
 * the nearest colour of an 8, 16 or 256 colour terminal, and stays true
 * colour on a direct-colour one.  No curses here, so it is unit tested.
 */
#include "config.h"

#include "config/conf.h"
#include "ui/ui.h"

/* The red, green and blue of a palette colour (xterm's 256). */
static void
palette_rgb(int c, int *r, int *g, int *b)
{
	static const int base[16][3] = {
		{0,0,0}, {205,0,0}, {0,205,0}, {205,205,0}, {0,0,238}, {205,0,205},
		{0,205,205}, {229,229,229}, {127,127,127}, {255,0,0}, {0,255,0},
		{255,255,0}, {92,92,255}, {255,0,255}, {0,255,255}, {255,255,255},
	};
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };

	if (c < 16) {
		*r = base[c][0]; *g = base[c][1]; *b = base[c][2];
	} else if (c < 232) {
		c -= 16;
		*r = level[c / 36]; *g = level[(c / 6) % 6]; *b = level[c % 6];
	} else
		*r = *g = *b = 8 + (c - 232) * 10;
}

/* The nearest colour a terminal with ncolors colours shows. */
int
ui_color_reduce(int c, int ncolors)
{
	int r, g, b, best = 0, i, limit;
	long d, bestd = -1;

	if (c < 0)
		return -1;
	/* A direct-colour terminal takes red, green and blue, except that
	 * values below 8 are its ANSI colours: a palette index beyond them is
	 * sent as its RGB, and an RGB that small as black. */
	if (ncolors >= 0x1000000) {
		if (!CONF_COLOR_IS_RGB(c) && c < 8)
			return c;
		if (CONF_COLOR_IS_RGB(c))
			c &= 0xffffff;
		else {
			palette_rgb(c, &r, &g, &b);
			c = (r << 16) | (g << 8) | b;
		}
		return c < 8 ? 0 : c;
	}
	if (CONF_COLOR_IS_RGB(c)) {
		r = (c >> 16) & 255; g = (c >> 8) & 255; b = c & 255;
	} else if (c < ncolors)
		return c;
	else
		palette_rgb(c, &r, &g, &b);
	limit = ncolors >= 256 ? 256 : ncolors >= 16 ? 16 : 8;
	for (i = 0; i < limit; i++) {
		int pr, pg, pb;

		palette_rgb(i, &pr, &pg, &pb);
		d = (long)(pr - r) * (pr - r) + (long)(pg - g) * (pg - g) +
		    (long)(pb - b) * (pb - b);
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

