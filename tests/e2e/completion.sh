# End-to-end: bash and zsh completion know exactly the options of
# `dateline --help`, and the bash completion completes what it should.
. "$srcdir/tests/tap.sh"
: "${DATELINE:?}"

bashc=$srcdir/completion/dateline
zshc=$srcdir/completion/_dateline
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

ok "the bash completion parses" bash -n "$bashc"
if command -v zsh >/dev/null 2>&1; then
	ok "the zsh completion parses" zsh -n "$zshc"
fi
ok "the zsh completion is a #compdef file" sh -c "head -1 '$zshc' | grep -qx '#compdef dateline'"

help=$("$DATELINE" --help)
longs=$(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u)
shorts=$(printf '%s\n' "$help" | grep -o '^  -[a-zA-Z],' | tr -d ' ,' | sort -u)
ok "--help lists options" test -n "$longs"

bash_opts=$(sed -n '/local opts="/,/"$/p' "$bashc" | grep -o -- '--*[a-zA-Z][a-z-]*' | sort -u)
zsh_opts=$(grep -o -- "[{'\"(,)]--*[a-zA-Z][a-z-]*" "$zshc" | sed 's/^.//' | sort -u)
for o in $longs $shorts; do
	contains "bash completes $o" " $(echo $bash_opts) " " $o "
	contains "zsh completes $o" " $(echo $zsh_opts) " " $o "
done
for o in $bash_opts; do
	contains "bash's $o is a real option" " $(echo $longs $shorts) " " $o "
done
for o in $zsh_opts; do
	contains "zsh's $o is a real option" " $(echo $longs $shorts) " " $o "
done

# Run the bash completion function as bash-completion would.
mkdir -p "$tmp/themes" "$tmp/nb.dir"
: >"$tmp/themes/night"
complete_words() {	# complete_words WORD... : prints COMPREPLY, one a line
	DATELINE_THEMEDIR=$tmp/themes bash -c '
		complete() { :; }; compopt() { :; }
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_dateline
		printf "%s\n" "${COMPREPLY[@]}"' sh "$bashc" "$@"
}
out=$(complete_words dateline --ref)
is "--ref completes to --refresh" "$out" "--refresh"
out=$(complete_words dateline --import-n)
is "--import-n completes to --import-newsboat" "$out" "--import-newsboat"
out=$(complete_words dateline --theme ni)
is "--theme completes theme names" "$out" "night"
out=$(cd "$tmp" && complete_words dateline --import-newsboat nb)
is "--import-newsboat completes directories" "$out" "nb.dir"
out=$(complete_words dateline --mark-read a)
is "--mark-read offers all" "$out" "all"

tap_done
