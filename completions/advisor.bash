# bash completion for advisor: commands, their options, intents, files,
# and people (ids from 'advisor find' on what has been typed).
# Installed to share/bash-completion/completions/advisor.

_advisor()
{
	local cur prev cmd opts
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=${COMP_WORDS[1]}

	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "advise batch find init remember forget path triage import rules test diff --help --version" -- "$cur"))
		return
	fi
	case $prev in
	-n|--network|--from|--annotations|-o|--output)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	-p|--policy)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	-i|--intent)
		COMPREPLY=($(compgen -W "date job learn network reconnect" -- "$cur")); return ;;
	--as-of|--note-limit|--max-size|-j|--jobs|--date|--to|--context|--org|--reason|--note|--index)
		return ;;
	--tone)
		COMPREPLY=($(compgen -W "cordial neutral awkward hostile" -- "$cur")); return ;;
	--relation)
		COMPREPLY=($(compgen -W "boss report peer client employer ex friend family" -- "$cur")); return ;;
	--ending)
		COMPREPLY=($(compgen -W "good neutral bad" -- "$cur")); return ;;
	--role)
		COMPREPLY=($(compgen -W "hiring_manager interviewer recruiter" -- "$cur")); return ;;
	--status)
		COMPREPLY=($(compgen -W "applied scheduled done offer hired rejected withdrawn" -- "$cur")); return ;;
	--by)
		[ -n "$cur" ] && COMPREPLY=($(advisor find "$cur" 2>/dev/null | cut -d' ' -f1))
		return ;;
	esac
	case $cmd in
	advise) opts="--network --intent --incoming --as-of --policy --note-limit --max-size --no-cache --json --explain --help" ;;
	batch) opts="--network --jobs --isolate --policy --note-limit --max-size --no-cache --help" ;;
	find) opts="--network --max-size --no-cache --json --help" ;;
	init) opts="--from --help" ;;
	remember) opts="--date --context --tone --from --to --org --relation --ending --reason --by --note --role --status --help" ;;
	forget) opts="--date --index --help" ;;
	path) opts="--network --json --dot --max-size --no-cache --help" ;;
	triage) opts="--network --as-of --policy --note-limit --max-size --no-cache --json --help" ;;
	import) opts="--output --annotations --max-size --quiet --help" ;;
	rules) opts="--policy --json --help" ;;
	test) opts="--policy --network --coverage --no-cache --note-limit --json --help" ;;
	diff) opts="--policy --network --no-cache --note-limit --json --help" ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case $cmd in
	remember|forget)
		if [ "$COMP_CWORD" -eq 3 ]; then
			COMPREPLY=($(compgen -W "met worked_together personal introduced interview" -- "$cur"))
		elif [ "$COMP_CWORD" -eq 2 ] && [ -n "$cur" ]; then
			COMPREPLY=($(advisor find "$cur" 2>/dev/null | cut -d' ' -f1))
		fi ;;
	advise|path)
		# People: the ids whose name or id matches what is typed.
		if [ -n "$cur" ]; then
			COMPREPLY=($(advisor find "$cur" 2>/dev/null | cut -d' ' -f1))
		fi ;;
	import)
		if [ "$COMP_CWORD" -eq 2 ]; then
			COMPREPLY=($(compgen -W "linkedin" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	init|test|diff)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -F _advisor advisor
