# bash completion for ostplay(1): commands, their options, drama names from
# your own library, and file names where a command takes files.
#
# The commands and options come from the ostplay being completed
# (`ostplay help --commands`, `ostplay help --options CMD`), so they never
# drift from it; drama names from `ostplay dramas --names`.  Needs nothing
# but bash.

# Adds the lines of stdin that begin with $1, ignoring case, to COMPREPLY,
# quoted as the word being completed is: "Desc" becomes "Descendants of
# the Sun" with its quotes, Desc becomes Descendants\ of\ the\ Sun.
_ostplay_add_matching()
{
	local cur=$1 quote= line
	case $cur in
	\"*) quote=\"; cur=${cur#\"} ;;
	\'*) quote=\'; cur=${cur#\'} ;;
	*) cur=${cur//\\/} ;;
	esac
	while IFS= read -r line; do
		[[ ${line,,} == "${cur,,}"* ]] || continue
		if [[ -n $quote ]]; then
			COMPREPLY+=("$quote$line$quote")
		else
			COMPREPLY+=("$(printf '%q' "$line")")
		fi
	done
}

# Adds the files (-f) or folders (-d) that begin with the word $2, which
# may be quoted or hold backslashes as typed; bash quotes what it puts
# back (-o filenames).
_ostplay_files()
{
	local IFS=$'\n' cur=$2
	case $cur in
	\"*) cur=${cur#\"} ;;
	\'*) cur=${cur#\'} ;;
	*) cur=${cur//\\/} ;;
	esac
	compopt -o filenames 2>/dev/null
	COMPREPLY+=($(compgen "$1" -- "$cur"))
}

_ostplay()
{
	local bin=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
	local prev= cmd= i
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()
	# The command is the first word after the program name that is no
	# option.
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} != -* ]]; then
			cmd=${COMP_WORDS[i]}
			break
		fi
	done
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$bin" help --commands \
				2>/dev/null | cut -f1)" -- "$cur"))
		fi
		return 0
	fi

	# The value of an option: what its placeholder says it takes.
	local opt value
	while IFS=$'\t' read -r opt value _; do
		[[ $prev == "$opt" && -n $value ]] || continue
		case $value in
		FILE) _ostplay_files -f "$cur" ;;
		DIR) _ostplay_files -d "$cur" ;;
		NAME) [[ $opt == --drama ]] && _ostplay_add_matching "$cur" \
			< <("$bin" dramas --names 2>/dev/null) ;;
		*\|*) COMPREPLY=($(compgen -W "${value//|/ }" -- "$cur")) ;;
		esac
		return 0
	done < <("$bin" help --options "$cmd" 2>/dev/null)

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$("$bin" help --options "$cmd" \
			2>/dev/null | cut -f1) --help" -- "$cur"))
		return 0
	fi
	case $cmd in
	play | add | export)
		# play and add take files and folders too, as mpv does: a word
		# that looks like a path completes as one.
		if [[ $cmd != export && $cur == @(*/*|.*|~*) ]]; then
			_ostplay_files -f "$cur"
			return 0
		fi
		_ostplay_add_matching "$cur" < <("$bin" dramas --names 2>/dev/null)
		[[ $cmd == play ]] && _ostplay_add_matching "$cur" \
			< <("$bin" playlists --json 2>/dev/null |
			    sed -n 's/^{"name":"\([^"\\]*\)".*/\1/p')
		;;
	explain | import) _ostplay_files -f "$cur" ;;
	scan) _ostplay_files -d "$cur" ;;
	fav)
		COMPREPLY=($(compgen -W 'add rm current' -- "$cur"))
		_ostplay_files -f "$cur"
		;;
	drama)
		if [[ $prev == drama ]]; then
			COMPREPLY=($(compgen -W 'catalog ignore alias forget rules' \
				-- "$cur"))
		else
			_ostplay_add_matching "$cur" \
				< <("$bin" dramas --names 2>/dev/null)
		fi
		;;
	help) COMPREPLY=($(compgen -W "$("$bin" help --commands \
		2>/dev/null | cut -f1)" -- "$cur")) ;;
	loudness) COMPREPLY=($(compgen -W 'track album off' -- "$cur")) ;;
	repeat) COMPREPLY=($(compgen -W 'on off one' -- "$cur")) ;;
	random) COMPREPLY=($(compgen -W 'on off' -- "$cur")) ;;
	playlist)
		COMPREPLY=($(compgen -W 'rm' -- "$cur"))
		_ostplay_add_matching "$cur" < <("$bin" playlists --json \
			2>/dev/null | sed -n 's/^{"name":"\([^"\\]*\)".*/\1/p')
		;;
	esac
	return 0
}

complete -F _ostplay ostplay
