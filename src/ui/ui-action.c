/*
 * The reader's actions, one row each (name in the config, default keys,
 * help text, what they need), key names, and the key map built from the
 * defaults and the user's `bind`/`unbind` lines.  The defaults are turned
 * into config text and read by the same parser as the user's file.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui/ui.h"
#include "util/i18n.h"
#include "util/util.h"

const char *const ui_view_names[VIEW_COUNT] = {
	"feeds", "headlines", "story", "help", "links",
};

const struct ui_action_def ui_actions[ACT_COUNT] = {
	{ ACT_NONE, "none", "", NULL, N_("do nothing (unbinds a key)"), 0 },
	{ ACT_UP, "up", "k Up", NULL, N_("move up"), 0 },
	{ ACT_DOWN, "down", "j Down", NULL, N_("move down"), 0 },
	{ ACT_PAGE_UP, "page-up", "PgUp b", NULL, N_("one page up"), 0 },
	{ ACT_PAGE_DOWN, "page-down", "PgDn Space", NULL, N_("one page down"), 0 },
	{ ACT_HOME, "home", "g Home", NULL, N_("go to the top"), 0 },
	{ ACT_END, "end", "G End", NULL, N_("go to the bottom"), 0 },
	{ ACT_OPEN, "open", "Enter l Right", NULL, N_("open the selected entry"), NEED_LIST },
	{ ACT_BACK, "back", "h Left", NULL, N_("go back"), 0 },
	{ ACT_QUIT, "quit", "q", NULL, N_("go back; quit from the feed list"), 0 },
	{ ACT_QUIT_NOW, "quit-now", "Q", NULL, N_("quit from anywhere"), 0 },
	{ ACT_NEXT_UNREAD, "next-unread", "n", NULL, N_("next unread story"), 0 },
	{ ACT_PREV_UNREAD, "prev-unread", "p", NULL, N_("previous unread story"), 0 },
	{ ACT_NEXT_STORY, "next-story", "J", NULL, N_("next story"), NEED_STORY },
	{ ACT_PREV_STORY, "prev-story", "K", NULL, N_("previous story"), NEED_STORY },
	{ ACT_FLAG, "flag", "s", NULL, N_("flag or unflag the story"), NEED_ITEM },
	{ ACT_TOGGLE_READ, "toggle-read", "u", NULL, N_("mark the story read or unread"),
	  NEED_ITEM },
	{ ACT_MARK_ALL_READ, "mark-feed-read", "A", NULL,
	  N_("mark the feed (or the whole view) read"), 0 },
	{ ACT_REFRESH, "refresh", "r", NULL, N_("refresh this feed"), 0 },
	{ ACT_REFRESH_ALL, "refresh-all", "R", NULL, N_("refresh every feed"), 0 },
	{ ACT_SEARCH, "search", "/", NULL, N_("search every stored story"), 0 },
	{ ACT_TAG_FILTER, "filter-tag", "t", NULL, N_("show only the feeds with a tag"), 0 },
	{ ACT_HIDE_READ, "hide-read", "H", NULL, N_("hide or show feeds with nothing unread"),
	  0 },
	{ ACT_SHOW_ERROR, "show-error", "e", NULL, N_("show why the feed's last refresh failed"),
	  NEED_FEED },
	{ ACT_OPEN_BROWSER, "open-browser", "o", NULL, N_("open the link in $BROWSER"),
	  NEED_ITEM },
	{ ACT_COPY_LINK, "copy-link", "y", NULL, N_("copy the link to the clipboard (OSC 52)"),
	  NEED_ITEM },
	{ ACT_LINKS, "links", "L", NULL, N_("list the story's links"), NEED_STORY },
	{ ACT_FULL_TEXT, "full-text", "f", NULL, N_("fetch the full article"), NEED_ITEM },
	{ ACT_HELP, "help", "?", NULL, N_("show the keys of this view"), 0 },
	{ ACT_REDRAW, "redraw", "^L", NULL, N_("redraw the screen"), 0 },
};

int
ui_view_from_name(const char *name)
{
	int i;

	for (i = 0; i < VIEW_COUNT; i++)
		if (strcmp(ui_view_names[i], name) == 0)
			return i;
	return -1;
}

int
ui_action_from_name(const char *name)
{
	int i;

	for (i = 0; i < ACT_COUNT; i++)
		if (strcmp(ui_actions[i].name, name) == 0)
			return i;
	return -1;
}

int
ui_action_applies(enum ui_action a, enum ui_view v)
{
	int needs = ui_actions[a].needs;

	if ((needs & NEED_LIST) && v == VIEW_STORY)
		return 0;
	if ((needs & NEED_STORY) && v != VIEW_STORY && v != VIEW_LINKS)
		return 0;
	if ((needs & NEED_FEED) && v != VIEW_FEEDS)
		return 0;
	if ((needs & NEED_ITEM) && v != VIEW_HEADLINES && v != VIEW_STORY && v != VIEW_LINKS)
		return 0;
	return 1;
}

char *
ui_default_bindings(void)
{
	struct buf b = BUF_INIT;
	char *keys, *k, *save = NULL;
	int i;

	buf_adds(&b, "# dateline's default key bindings\n");
	for (i = 1; i < ACT_COUNT; i++) {
		keys = xstrdup(ui_actions[i].keys);
		for (k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save))
			buf_printf(&b, "bind %s%s%s %s\n",
			    ui_actions[i].view ? ui_actions[i].view : "",
			    ui_actions[i].view ? " " : "", k, ui_actions[i].name);
		free(keys);
	}
	return buf_detach(&b);
}

/* --- key names --- */

static const struct {
	const char	*name;
	int		 key;
} key_names[] = {
	{ "Enter", '\n' }, { "Return", '\n' }, { "Space", ' ' }, { "Tab", '\t' },
	{ "Escape", 27 }, { "Esc", 27 },
	{ "Up", UI_KEY_FN + KEY_UP }, { "Down", UI_KEY_FN + KEY_DOWN },
	{ "Left", UI_KEY_FN + KEY_LEFT }, { "Right", UI_KEY_FN + KEY_RIGHT },
	{ "PgUp", UI_KEY_FN + KEY_PPAGE }, { "PageUp", UI_KEY_FN + KEY_PPAGE },
	{ "PgDn", UI_KEY_FN + KEY_NPAGE }, { "PageDown", UI_KEY_FN + KEY_NPAGE },
	{ "Home", UI_KEY_FN + KEY_HOME }, { "End", UI_KEY_FN + KEY_END },
	{ "Backspace", UI_KEY_FN + KEY_BACKSPACE }, { "Delete", UI_KEY_FN + KEY_DC },
	{ "Insert", UI_KEY_FN + KEY_IC },
};

int
ui_key_parse(const char *name)
{
	size_t i, len = strlen(name);
	uint32_t cp;
	int n;

	if (len == 0)
		return -1;
	if ((n = utf8_decode(name, len, &cp)) > 0 && (size_t)n == len)
		return cp >= 0x20 && cp != 0x7F ? (int)cp : -1;
	for (i = 0; i < DL_ARRAY_LEN(key_names); i++)
		if (strcasecmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	if (len == 2 && name[0] == '^' && name[1] >= '@' && name[1] <= '~')
		return name[1] & 0x1f;
	if (len == 3 && strncasecmp(name, "C-", 2) == 0 && name[2] >= '@' && name[2] <= '~')
		return name[2] & 0x1f;
	if ((name[0] == 'F' || name[0] == 'f') && len <= 3) {
		char *end;
		long f = strtol(name + 1, &end, 10);

		if (*end == '\0' && f >= 1 && f <= 24)
			return UI_KEY_FN + KEY_F((int)f);
	}
	return -1;
}

void
ui_key_name(int key, char *out, size_t len)
{
	size_t i;
	char u[5];
	int n;

	for (i = 0; i < DL_ARRAY_LEN(key_names); i++)
		if (key_names[i].key == key) {
			snprintf(out, len, "%s", key_names[i].name);
			return;
		}
	if (key >= UI_KEY_FN + KEY_F(1) && key <= UI_KEY_FN + KEY_F(24))
		snprintf(out, len, "F%d", key - UI_KEY_FN - KEY_F(0));
	else if (key >= 0 && key < 0x20)
		snprintf(out, len, "^%c", key + '@');
	else if (key >= 0x20 && key < UI_KEY_FN && (n = utf8_encode((uint32_t)key, u)) > 0) {
		u[n] = '\0';
		snprintf(out, len, "%s", u);
	} else
		snprintf(out, len, "?");
}

/* --- the key map --- */

static struct ui_binding *
keymap_find(struct ui_keymap *m, int view, int key)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->b[i].view == view && m->b[i].key == key)
			return &m->b[i];
	return NULL;
}

static int
keymap_args(const char *view, const char *key, int *v, int *k, char **err)
{
	*v = -1;
	if (view != NULL && *view != '\0' && strcmp(view, "all") != 0 &&
	    (*v = ui_view_from_name(view)) < 0) {
		*err = xasprintf(_("unknown view '%s' (feeds, headlines, story, help "
		    "or links)"), view);
		return -1;
	}
	if ((*k = ui_key_parse(key)) < 0) {
		*err = xasprintf(_("unknown key '%s'"), key);
		return -1;
	}
	return 0;
}

int
ui_keymap_bind(struct ui_keymap *m, const char *view, const char *key,
    const char *action, char **err)
{
	struct ui_binding *b;
	int v, k, a;

	if (keymap_args(view, key, &v, &k, err) != 0)
		return -1;
	if ((a = ui_action_from_name(action)) < 0) {
		*err = xasprintf(_("unknown action '%s'"), action);
		return -1;
	}
	if ((b = keymap_find(m, v, k)) == NULL) {
		if (m->n == UI_KEYMAP_MAX) {
			*err = xasprintf(_("too many key bindings (at most %d)"),
			    UI_KEYMAP_MAX);
			return -1;
		}
		b = &m->b[m->n++];
		b->view = v;
		b->key = k;
	}
	b->action = (enum ui_action)a;
	return 0;
}

int
ui_keymap_unbind(struct ui_keymap *m, const char *view, const char *key, char **err)
{
	struct ui_binding *b;
	int v, k;

	if (keymap_args(view, key, &v, &k, err) != 0)
		return -1;
	if ((b = keymap_find(m, v, k)) == NULL) {
		if (m->n == UI_KEYMAP_MAX)
			return 0;
		b = &m->b[m->n++];
		b->view = v;
		b->key = k;
	}
	b->action = ACT_NONE;
	return 0;
}

enum ui_action
ui_keymap_lookup(const struct ui_keymap *m, int view, int key)
{
	size_t i;

	for (i = 0; i < m->n; i++)	/* a view's own binding wins */
		if (m->b[i].view == view && m->b[i].key == key)
			return m->b[i].action;
	for (i = 0; i < m->n; i++)
		if (m->b[i].view == -1 && m->b[i].key == key)
			return m->b[i].action;
	return ACT_NONE;
}

void
ui_keymap_keys(const struct ui_keymap *m, int view, enum ui_action a, char *out,
    size_t len)
{
	size_t i, used = 0;
	char name[32];

	out[0] = '\0';
	for (i = 0; i < m->n; i++) {
		if (m->b[i].action != a || (m->b[i].view != -1 && m->b[i].view != view))
			continue;
		/* a global key the view rebinds does not do this here */
		if (ui_keymap_lookup(m, view, m->b[i].key) != a)
			continue;
		ui_key_name(m->b[i].key, name, sizeof name);
		if (used + strlen(name) + 2 > len)
			break;
		used += (size_t)snprintf(out + used, len - used, "%s%s",
		    used ? " " : "", name);
	}
}

/* --- OSC 52: the terminal puts base64 text on the clipboard --- */

/* What is copied is what the screen shows (SANITISE_DISPLAY): no invisible
 * character rides along in a pasted link. */

char *
ui_osc52(const char *text)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *clean = utf8_sanitise(text, strlen(text), SANITISE_DISPLAY);
	const unsigned char *p = (const unsigned char *)clean;
	size_t len = strlen(clean), i;
	struct buf b = BUF_INIT;

	buf_adds(&b, "\033]52;c;");
	for (i = 0; i + 2 < len; i += 3) {
		buf_addc(&b, b64[p[i] >> 2]);
		buf_addc(&b, b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_addc(&b, b64[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)]);
		buf_addc(&b, b64[p[i + 2] & 63]);
	}
	if (len - i == 1) {
		buf_addc(&b, b64[p[i] >> 2]);
		buf_addc(&b, b64[(p[i] & 3) << 4]);
		buf_adds(&b, "==");
	} else if (len - i == 2) {
		buf_addc(&b, b64[p[i] >> 2]);
		buf_addc(&b, b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_addc(&b, b64[(p[i + 1] & 15) << 2]);
		buf_addc(&b, '=');
	}
	buf_adds(&b, "\a");
	free(clean);
	return buf_detach(&b);
}
