# TAP helpers for shell tests; source this file.  Every check is one test
# point; `tap_done` prints the plan and exits non-zero if any failed.
tap_n=0
tap_failed=0

ok() {	# ok DESCRIPTION COMMAND...
	desc=$1; shift
	tap_n=$((tap_n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "ok $tap_n - $desc"
	else
		echo "not ok $tap_n - $desc"
		tap_failed=$((tap_failed + 1))
	fi
}

is() {	# is DESCRIPTION GOT EXPECTED
	tap_n=$((tap_n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $tap_n - $1"
	else
		echo "not ok $tap_n - $1"
		printf '# got:      %s\n# expected: %s\n' "$2" "$3" | sed 's/^/# /'
		tap_failed=$((tap_failed + 1))
	fi
}

contains() {	# contains DESCRIPTION HAYSTACK NEEDLE
	tap_n=$((tap_n + 1))
	case $2 in
	*"$3"*) echo "ok $tap_n - $1" ;;
	*) echo "not ok $tap_n - $1"; printf '# %s\n' "did not find: $3" "in: $2"
	   tap_failed=$((tap_failed + 1)) ;;
	esac
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
