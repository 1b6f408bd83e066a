# bash completion for advisor: commands, each command's options (those of
# its --help), their values (intents, the fact values of 'remember', files
# and folders; nothing for dates, numbers and free text), and people: the
# ids 'advisor find' gives for what has been typed, on the network the
# command would read.
# Installed to share/bash-completion/completions/advisor.  Uses
# bash-completion's helpers when they are loaded, and works without them.

# Sets REPLY to WORD as the shell would read it: quotes and backslashes
# removed, a leading ~/ made $HOME/; nothing is run or expanded otherwise.
_advisor_dequote()
{
	local s=$1 c q=
	REPLY=
	while [[ $s ]]; do
		c=${s:0:1} s=${s:1}
		if [[ $q == "'" ]]; then
			[[ $c == "'" ]] && q= || REPLY+=$c
		elif [[ $c == '\' ]]; then
			REPLY+=${s:0:1} s=${s:1}
		elif [[ $q == '"' ]]; then
			[[ $c == '"' ]] && q= || REPLY+=$c
		elif [[ $c == "'" || $c == '"' ]]; then
			q=$c
		else
			REPLY+=$c
		fi
	done
	[[ $REPLY == '~/'* ]] && REPLY=$HOME/${REPLY#'~/'}
}

# Sets REPLY to the longest common prefix of its arguments.
_advisor_prefix()
{
	local w
	REPLY=$1
	for w; do
		while [[ $w != "$REPLY"* ]]; do
			REPLY=${REPLY%?}
		done
	done
}

# COMPREPLY: the people for TEXT ($1) on NETWORK ($2; empty: the one the
# command uses by default): the ids that start with TEXT (case ignored),
# and the people a word of whose name starts with it ('advisor find'
# folds case and accents).  People whose name or id merely holds TEXT are
# not offered.  What was typed is never erased: when the ids have no
# common prefix that extends TEXT, readline keeps TEXT only if they have
# no common prefix at all, so TEXT itself is offered too when needed
# ('chen' lists mei-chen and mei-lin-chen, and stays 'chen').
_advisor_people()
{
	local text line id match re_id='"id":"([^"\\]*)"' re_match='"match":"([a-z_]*)"'
	local -a pre=() word=() args=(find --json)
	_advisor_dequote "$1"
	text=$REPLY
	[[ $text ]] || return
	[[ $2 ]] && args+=(--network "$2")
	while IFS= read -r line; do
		[[ $line =~ $re_id ]] || continue
		id=${BASH_REMATCH[1]}
		match=
		[[ $line =~ $re_match ]] && match=${BASH_REMATCH[1]}
		if [[ ${id,,} == "${text,,}"* ]]; then
			pre+=("$id")
		else
			# Not those whose name or id merely holds the text
			# (part), nor those found by company or headline (about).
			case $match in
			part | about | '') ;;
			*) word+=("$id") ;;
			esac
		fi
	done < <(command advisor "${args[@]}" -- "$text" 2>/dev/null)

	COMPREPLY=("${pre[@]}" "${word[@]}")
	((${#COMPREPLY[@]} > 1)) || return
	_advisor_prefix "${COMPREPLY[@]}"
	[[ -z $REPLY || ${REPLY,,} == "${text,,}"* ]] && return
	_advisor_prefix "${COMPREPLY[@]}" "$1"
	if [[ -z $REPLY ]]; then
		COMPREPLY+=("$1")
	else
		COMPREPLY=("${pre[@]}")
	fi
}

# COMPREPLY: files (with an extension, $1: those and folders; -d: folders).
_advisor_files()
{
	if declare -F _filedir >/dev/null; then
		_filedir "$@"
		return
	fi
	compopt -o filenames 2>/dev/null
	local IFS=$'\n'
	if [[ ${1-} == -d ]]; then
		COMPREPLY=($(compgen -d -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

# The network file the command on the line reads, when given there
# (-n FILE, -nFILE, --network FILE, --network=FILE), in REPLY.
_advisor_network()
{
	local i w
	REPLY=
	for ((i = 2; i < ${#words[@]}; i++)); do
		((i == cword)) && continue
		w=${words[i]}
		case $w in
		--) break ;;
		-n | --network)
			((i + 1 == cword)) || _advisor_dequote "${words[i + 1]-}"
			((i++)) ;;
		--network=*) _advisor_dequote "${w#--network=}" ;;
		-n?*) _advisor_dequote "${w#-n}" ;;
		esac
	done
}

# The network of 'remember', 'forget', 'add', 'set' and 'remove': the data
# folder's network.json
# (they do not read $ADVISOR_NETWORK), in REPLY.
_advisor_data_network()
{
	if [[ ${XDG_DATA_HOME-} == /* ]]; then
		REPLY=$XDG_DATA_HOME/advisor/network.json
	else
		REPLY=${HOME-}/.local/share/advisor/network.json
	fi
	[[ -f $REPLY ]] || REPLY=/nonexistent/network.json
}

_advisor()
{
	local cur prev words cword split=false
	if declare -F _init_completion >/dev/null; then
		_init_completion -s || return
	else
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		cur=${words[cword]}
		prev=${words[cword - 1]}
	fi

	if ((cword == 1)); then
		COMPREPLY=($(compgen -W "advise batch find init add set remove remember forget sent withdrew path triage outcomes tune plan mcp native-host import rules lint test diff -h --help -V --version" -- "$cur"))
		return
	fi

	# Each command's options, as its --help lists them, and those of them
	# that take a value.
	local cmd=${words[1]} opts takes type=
	local -a types=(met worked_together personal introduced interview knows)
	case $cmd in
	advise)
		opts="-n --network -i --intent --incoming --outgoing --as-of -p --policy --note-limit --max-size --no-cache --drafts --explain --json --name --headline --company --title --location --industry --url --max-instructions --time-limit --max-memory -h --help"
		takes="-n --network -i --intent --as-of -p --policy --note-limit --max-size --drafts --name --headline --company --title --location --industry --url --max-instructions --time-limit --max-memory" ;;
	batch)
		opts="-n --network -j --jobs --isolate -p --policy --note-limit --max-size --no-cache --max-instructions --time-limit --max-memory -h --help"
		takes="-n --network -j --jobs -p --policy --note-limit --max-size --max-instructions --time-limit --max-memory" ;;
	find)
		opts="-n --network --max-size --no-cache --json -h --help"
		takes="-n --network --max-size" ;;
	init)
		opts="--from --group-limit -h --help"
		takes="--from --group-limit" ;;
	remember)
		opts="--date --context --tone --from --to --org --relation --ending --reason --by --note --role --status -h --help"
		takes="--date --context --tone --from --to --org --relation --ending --reason --by --note --role --status" ;;
	forget)
		opts="--date --index -h --help"
		takes="--date --index" ;;
	sent)
		opts="--note --date --force -h --help"
		takes="--date" ;;
	withdrew)
		opts="--date -h --help"
		takes="--date" ;;
	add)
		opts="--company --title --headline --industry --seniority --followers --influencer --location --url -h --help"
		takes="--company --title --headline --industry --seniority --followers --influencer --location --url" ;;
	set)
		opts="--company --title --headline --industry --seniority --followers --influencer --location --url --clear -h --help"
		takes="--company --title --headline --industry --seniority --followers --influencer --location --url --clear" ;;
	remove)
		opts="-h --help"
		takes="" ;;
	path)
		opts="-n --network --json --dot --max-size --no-cache -h --help"
		takes="-n --network --max-size" ;;
	triage)
		opts="-n --network --as-of -p --policy --note-limit --max-size --no-cache --json --max-instructions --time-limit --max-memory -h --help"
		takes="-n --network --as-of -p --policy --note-limit --max-size --max-instructions --time-limit --max-memory" ;;
	plan)
		opts="-i --intent --as-of --json -n --network -p --policy --note-limit --max-size --no-cache --max-instructions --time-limit --max-memory -h --help"
		takes="-i --intent --as-of -n --network -p --policy --note-limit --max-size --max-instructions --time-limit --max-memory" ;;
	outcomes)
		opts="-n --network --as-of -p --policy --max-size --no-cache --json --max-instructions --time-limit --max-memory -h --help"
		takes="-n --network --as-of -p --policy --max-size --max-instructions --time-limit --max-memory" ;;
	tune)
		opts="--write --json --min --penalty --as-of -n --network -p --policy --max-size --no-cache --max-instructions --time-limit --max-memory -h --help"
		takes="--min --penalty --as-of -n --network -p --policy --max-size --max-instructions --time-limit --max-memory" ;;
	mcp)
		opts="--read-only -n --network -p --policy --note-limit --max-size --no-cache --max-instructions --time-limit --max-memory -h --help"
		takes="-n --network -p --policy --note-limit --max-size --max-instructions --time-limit --max-memory" ;;
	native-host)
		opts="--install --chrome --chromium --firefox --allow -n --network -p --policy --note-limit --max-size --no-cache --max-instructions --time-limit --max-memory -h --help"
		takes="--allow -n --network -p --policy --note-limit --max-size --max-instructions --time-limit --max-memory" ;;
	import)
		opts="-o --output -a --annotations --max-size --group-limit -q --quiet -h --help"
		takes="-o --output -a --annotations --max-size --group-limit" ;;
	rules)
		opts="-p --policy --json --max-instructions --time-limit --max-memory -h --help"
		takes="-p --policy --max-instructions --time-limit --max-memory" ;;
	lint)
		opts="-p --policy --max-instructions --time-limit --max-memory -h --help"
		takes="-p --policy --max-instructions --time-limit --max-memory" ;;
	test)
		opts="-p --policy -n --network --note-limit --coverage --json --no-cache --max-instructions --time-limit --max-memory -h --help"
		takes="-p --policy -n --network --note-limit --max-instructions --time-limit --max-memory" ;;
	diff)
		opts="-p --policy -n --network --note-limit --json --no-cache --max-instructions --time-limit --max-memory -h --help"
		takes="-p --policy -n --network --note-limit --max-instructions --time-limit --max-memory" ;;
	*) return ;;
	esac

	# The arguments before the cursor that are not options or their values.
	local i w npos=0 dashdash=
	local -a pos=()
	for ((i = 2; i < cword; i++)); do
		w=${words[i]}
		if [[ -z $dashdash && $w == -?* ]]; then
			[[ $w == -- ]] && dashdash=1 && continue
			[[ " $takes " == *" $w "* ]] && ((i++))
		else
			pos+=("$w")
		fi
	done
	npos=${#pos[@]}

	# 'remember': the options and relations of the fact type on the line.
	if [[ $cmd == remember ]]; then
		type=${pos[1]-}
		case $type in
		met) opts="--date --context --tone -h --help" ;;
		worked_together) opts="--from --to --org --relation --ending --reason -h --help" ;;
		personal) opts="--date --relation --ending -h --help" ;;
		introduced) opts="--by --date --note -h --help" ;;
		interview) opts="--date --role --status -h --help" ;;
		esac
	fi

	# The value of the option before the cursor.
	if [[ $prev == -?* && " $takes " == *" $prev "* ]]; then
		case $prev in
		-n | --network) _advisor_files '@(json|ndjson|jsonl)' ;;
		-p | --policy) _advisor_files -d ;;
		-a | --annotations) _advisor_files json ;;
		-o | --output) _advisor_files ;;
		--from)
			# init: a network file; remember: a date.
			[[ $cmd == init ]] && _advisor_files json ;;
		-i | --intent)
			COMPREPLY=($(compgen -W "date job learn network reconnect" -- "$cur")) ;;
		--tone)
			COMPREPLY=($(compgen -W "cordial neutral awkward hostile" -- "$cur")) ;;
		--relation)
			case $type in
			worked_together) w="boss report peer client employer" ;;
			personal) w="ex friend family" ;;
			*) w="boss report peer client employer ex friend family" ;;
			esac
			COMPREPLY=($(compgen -W "$w" -- "$cur")) ;;
		--ending)
			COMPREPLY=($(compgen -W "good neutral bad" -- "$cur")) ;;
		--reason)
			COMPREPLY=($(compgen -W "fired laid_off quit contract_end" -- "$cur")) ;;
		--role)
			COMPREPLY=($(compgen -W "hiring_manager interviewer recruiter" -- "$cur")) ;;
		--status)
			COMPREPLY=($(compgen -W "applied scheduled done offer hired rejected withdrawn" -- "$cur")) ;;
		--seniority)
			COMPREPLY=($(compgen -W "student entry senior manager director executive founder" -- "$cur")) ;;
		--influencer)
			COMPREPLY=($(compgen -W "yes no" -- "$cur")) ;;
		--clear)
			COMPREPLY=($(compgen -W "company title headline industry seniority followers influencer location url" -- "$cur")) ;;
		--by)
			_advisor_data_network
			_advisor_people "$cur" "$REPLY" ;;
		esac
		# Anything else (dates, numbers, sizes, free text): nothing to offer.
		return
	fi
	[[ $split == true ]] && return

	if [[ -z $dashdash && $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi

	case $cmd:$npos in
	advise:0 | path:0 | plan:*)
		_advisor_network
		_advisor_people "$cur" "$REPLY" ;;
	remember:0 | forget:0 | set:0 | remove:0 | sent:0 | withdrew:0)
		_advisor_data_network
		_advisor_people "$cur" "$REPLY" ;;
	remember:1)
		COMPREPLY=($(compgen -W "${types[*]}" -- "$cur")) ;;
	forget:1)
		COMPREPLY=($(compgen -W "${types[*]} sent withdrew" -- "$cur")) ;;
	remember:2 | forget:2)
		# A knows B: the other person.
		if [[ ${pos[1]-} == knows ]]; then
			_advisor_data_network
			_advisor_people "$cur" "$REPLY"
		fi ;;
	import:0)
		COMPREPLY=($(compgen -W "linkedin" -- "$cur")) ;;
	import:1 | init:0)
		_advisor_files zip ;;
	test:* | diff:*)
		_advisor_files ;;
	esac
}
complete -F _advisor advisor
