# Shell completion for the command-line options: bash (to the directory
# that pkg-config's bash-completion names, else DATADIR/bash-completion/
# completions; --with-bash-completion-dir overrides) and zsh
# (DATADIR/zsh/site-functions).
dist_bashcompletion_DATA = completion/dateline
zshcompletiondir = $(datadir)/zsh/site-functions
dist_zshcompletion_DATA = completion/_dateline
TESTS += tests/e2e/completion.sh
EXTRA_DIST += tests/e2e/completion.sh
AM_DISTCHECK_CONFIGURE_FLAGS = \
	--with-bash-completion-dir='$${dc_install_base}/share/bash-completion/completions'
