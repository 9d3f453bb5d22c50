/* config: what the files of this module share (not for other modules). */
#ifndef DATELINE_CONF_PRIVATE_H
#define DATELINE_CONF_PRIVATE_H

#include "config/conf.h"

#define CONF_MAX_ERRORS		200	/* kept; further ones are counted */
#define CONF_MAX_INCLUDE_DEPTH	8
#define CONF_MAX_FILE_SIZE	(4u << 20)
#define CONF_MAX_LINE		8192
#define CONF_MAX_WORDS		32
#define CONF_MAX_BINDINGS	4096

struct conf_value {
	long long	 num;
	char		*str;		/* strings and enum words */
};

struct conf {
	struct conf_value	 values[CONF_COUNT];
	int			 explicit[CONF_COUNT];	/* set by a line */

	struct conf_binding	*bindings;
	size_t			 nbindings;

	struct conf_style	 styles[ROLE_COUNT];	/* config color lines */
	struct conf_style	 theme[ROLE_COUNT];	/* the loaded theme */

	char			**errors;
	size_t			 nerrors;
	size_t			 dropped;		/* beyond CONF_MAX_ERRORS */

	/* files being read, for cycle detection */
	char			*stack[CONF_MAX_INCLUDE_DEPTH + 1];
	int			 depth;
};

/* options.c */
size_t	 conf_edit_distance(const char *a, const char *b);	/* SIZE_MAX if long */
void	 conf_values_init(struct conf *);
void	 conf_values_free(struct conf *);
int	 conf_value_parse(const struct conf_option *, const char *text,
	     struct conf_value *out, char **err);

/* conf-parse.c: split a line into words (in place); -1 with *err. */
int	 conf_tokenize(char *line, char **words, int max, const char **err);

/* conf-style.c: a `color` line's words after "color". */
int	 conf_style_parse(char **words, int n, int *role, struct conf_style *out,
	     char **err);

#endif
