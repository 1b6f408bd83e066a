#!/bin/bash
# Shell completion, tried as a user meets it: bash (with bash-completion,
# which loads completions/advisor.bash on demand) and zsh (compinit, with
# completions/ on fpath) each run interactively under a pty; a line is
# typed, TAB pressed (twice in bash to list; zsh lists on ^D, list-choices,
# as its first TAB does when it cannot insert anything), and the test reads
# what the line became and what was listed.  It covers commands, every command's
# options against its --help, option values (intents, fact values, dates,
# files, folders), people (on the data folder's network, on --network given
# on the line, on $ADVISOR_NETWORK) and that nothing typed is ever erased,
# on the example network and on one of accented names.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8

command -v zsh >/dev/null || { echo "FAIL: zsh is not installed (tools/install-deps.sh installs it)"; exit 1; }
bash_completion=/usr/share/bash-completion/bash_completion
[ -f "$bash_completion" ] || { echo "FAIL: bash-completion is not installed (tools/install-deps.sh installs it)"; exit 1; }

# The binary under test is the 'advisor' the completion calls; the data
# folder holds the example network (data2, another one, the accented
# network); the shells start in $tmp/work.
mkdir -p "$tmp/bin" "$tmp/home" "$tmp/config" "$tmp/cache" "$tmp/data/advisor" \
	"$tmp/data2/advisor" "$tmp/work/mypolicy" "$tmp/work/nets"
ln -s "$bin" "$tmp/bin/advisor"
cp "$net" "$tmp/data/advisor/network.json"
cp "$net" "$tmp/work/nets/example.json"
: >"$tmp/work/notes.txt"
: >"$tmp/work/export.zip"
echo '{"cases": []}' >"$tmp/work/cases.json"

# A network of accented names (docs/data-format.md), and two that fold to
# the same text.
cat >"$tmp/work/accents.json" <<'EOF'
{
  "format": "advisor-network/1",
  "me": { "id": "me", "name": "Alex Kim" },
  "people": [
    { "id": "elodie-dubois", "name": "Élodie Dubois", "company": "Société Générale" },
    { "id": "eric-durand", "name": "Éric Durand", "company": "Renault" },
    { "id": "zoltan-kovacs", "name": "Zoltán Kovács", "company": "Prezi" },
    { "id": "angel-ruiz", "name": "Ángel Ruiz", "company": "Telefónica" },
    { "id": "jose-alvarez-1", "name": "José Álvarez", "company": "Iberia" },
    { "id": "jose-alvarez-2", "name": "Jose Alvarez", "company": "Cemex" },
    { "id": "thao-nguyen", "name": "Thảo Nguyễn", "company": "VNG" },
    { "id": "mei-chen", "name": "Mei Chen", "company": "Tencent" },
    { "id": "mei-lin-chen", "name": "Mei-Lin Chen", "company": "Baidu" },
    { "id": "bjorn-muller", "name": "Björn Müller", "company": "Siemens" }
  ]
}
EOF
"$bin" find zo --network "$tmp/work/accents.json" >/dev/null 2>&1 ||
	fail "the accented network does not load: $("$bin" find zo --network "$tmp/work/accents.json" 2>&1)"
cp "$tmp/work/accents.json" "$tmp/data2/advisor/network.json"

export TMPDIR_TEST="$tmp" SRC="$src" BIN="$bin" BASH_COMPLETION="$bash_completion"
python3 - <<'PYTHON' || failures=$((failures + 1))
import fcntl, os, pty, re, select, signal, struct, subprocess, sys, termios, time

TMP, SRC, BIN = os.environ['TMPDIR_TEST'], os.environ['SRC'], os.environ['BIN']
WORK = TMP + '/work'
ACC = WORK + '/accents.json'
TIMEOUT = 15      # seconds to wait for one answer of a shell (a loaded machine)
failures = []

def fail(msg):
    failures.append(msg)
    print('FAIL: ' + msg, flush=True)

# Terminal output without its control sequences.
# Colours go, cursor moves become spaces (zsh draws its list, then moves
# back up to redraw the line).
ESC = re.compile(r'\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)'
                 r'|\x1b[()][0-9A-Za-z]|\x1b[=>78cDEHM]|[\r\x07\x08]')

def screen_text(raw):
    return ESC.sub(lambda m: '' if m.group().endswith('m') or m.group() == '\x07' else ' ', raw)

class Shell:
    """An interactive shell on a pty, whose rc file binds ^X1 to print a
    start mark, and ^X2 to print the line between marks and empty it."""

    def __init__(self, name, argv, env):
        self.name = name
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 300, 200, 0, 0))
                os.chdir(WORK)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.out, self.count = pid, fd, b'', 0
        try:
            self.expect(rb'\x1fREADY\x1f')
        except Exception:
            self.close()
            raise

    def expect(self, pattern):
        deadline = time.monotonic() + TIMEOUT
        rx = re.compile(pattern, re.S)
        while True:
            m = rx.search(self.out)
            if m:
                before, self.out = self.out[:m.start()], self.out[m.end():]
                return before, m
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError('%s: no %r within %d s; the terminal showed %r'
                                   % (self.name, pattern, TIMEOUT, self.out[-300:]))
            if select.select([self.fd], [], [], left)[0]:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    data = b''
                if not data:
                    raise EOFError('%s exited; the terminal showed %r' % (self.name, self.out[-300:]))
                self.out += data

    def complete(self, typed, keys):
        """Types TYPED, then KEYS: (the line then, the text shown meanwhile)."""
        self.count += 1
        os.write(self.fd, typed.encode() + b'\x18' + b'1')
        self.expect(rb'\x1fS\x1f')
        os.write(self.fd, keys.encode() + b'\x18' + b'2')
        shown, m = self.expect(rb'\x1fB(.*?)\x1fE')
        return m.group(1).decode('utf-8', 'replace'), screen_text(shown.decode('utf-8', 'replace'))

    def run(self, command):
        """Runs COMMAND in the shell and waits for it."""
        os.write(self.fd, command.encode() + b"; printf '\\037%s\\037' DONE\n")
        self.expect(rb'\x1fDONE\x1f')

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)

ENV = {
    'PATH': TMP + '/bin:/usr/local/bin:/usr/bin:/bin', 'HOME': TMP + '/home',
    'TERM': 'xterm', 'LC_ALL': 'C.UTF-8', 'XDG_DATA_HOME': TMP + '/data',
    'XDG_CONFIG_HOME': TMP + '/config', 'XDG_CACHE_HOME': TMP + '/cache',
}

def start_bash(plain=False):
    if plain:
        # Without bash-completion: the file sourced as it is.
        load = '. %s/completions/advisor.bash' % SRC
    else:
        # bash-completion finds completions/advisor.bash when 'advisor' is
        # first completed.
        load = 'BASH_COMPLETION_USER_DIR=%s\n. %s' % (SRC, os.environ['BASH_COMPLETION'])
    with open(TMP + '/bashrc', 'w') as f:
        f.write(r'''
PS1='$ '
%s
bind 'set completion-query-items 10000'
bind 'set page-completions off'
bind 'set bell-style none'
bind -x '"\C-x1": printf "\037S\037"'
bind -x '"\C-x2": printf "\037B%%s\037E" "$READLINE_LINE"; READLINE_LINE=; READLINE_POINT=0'
printf '\037READY\037'
''' % load)
    return Shell('bash without bash-completion' if plain else 'bash',
                 ['bash', '--noprofile', '--rcfile', TMP + '/bashrc', '-i'], ENV)

def start_plain_bash():
    return start_bash(plain=True)

def start_zsh():
    os.makedirs(TMP + '/zdot', exist_ok=True)
    with open(TMP + '/zdot/.zshrc', 'w') as f:
        f.write(r'''
fpath=(%s/completions $fpath)
autoload -U compinit && compinit -u -d %s/zcompdump
PS1='$ '
LISTMAX=10000
_mark_start() { print -rn -- $'\x1f'S$'\x1f' }
_mark_line() { print -rn -- $'\x1f'B"$BUFFER"$'\x1f'E; BUFFER= }
zle -N _mark_start; zle -N _mark_line
bindkey '^X1' _mark_start '^X2' _mark_line
print -rn -- $'\x1f'READY$'\x1f'
''' % (SRC, TMP))
    return Shell('zsh', ['zsh', '--no-globalrcs', '-i'], dict(ENV, ZDOTDIR=TMP + '/zdot'))

def words(shown):
    return set(shown.split())

OPTION = re.compile(r'--?[a-zA-Z][a-zA-Z-]*')

def options_shown(shown):
    return {w.rstrip('=') for w in shown.split() if OPTION.fullmatch(w.rstrip('='))}

def help_options(cmd):
    """The options COMMAND --help lists: the lines of its option table."""
    text = subprocess.run([BIN] + ([cmd] if cmd else []) + ['--help'],
                          capture_output=True, text=True).stdout
    opts = set()
    for line in text.splitlines():
        if re.match(r'\s+-', line):
            left = re.split(r'(?<=\S)  +', line.strip())[0]
            opts |= set(re.findall(r'(?:^|(?<=[ ,]))(--?[a-zA-Z][a-zA-Z-]*)', left))
    return opts

def help_commands():
    text = subprocess.run([BIN, '--help'], capture_output=True, text=True).stdout
    block = text.split('Commands:\n', 1)[1].split('\n\n', 1)[0]
    return {line.split()[0] for line in block.splitlines() if line.strip()}

def find(text, network=None):
    """The people 'advisor find' gives for TEXT: {id: match}."""
    args = [BIN, 'find', '--json'] + (['--network', network] if network else []) + ['--', text]
    env = dict(ENV, PATH=os.environ['PATH'])
    out = subprocess.run(args, capture_output=True, text=True, env=env).stdout
    return {m.group(1): m.group(2) for m in
            re.finditer(r'"id":"([^"]*)".*"match":"([a-z_]+)"', out)}

def check_line(sh, typed, keys, want):
    line, shown = sh.complete(typed, keys)
    if line != want:
        fail('%s: %r then %r made the line %r, expected %r (shown: %r)'
             % (sh.name, typed, keys, line, want, shown.strip()[-300:]))
    return line

def check_list(sh, typed, keys, want=(), unwanted=(), exact=None):
    line, shown = sh.complete(typed, keys)
    got = words(shown)
    missing = [w for w in want if w not in got]
    extra = [w for w in unwanted if w in got]
    if missing or extra:
        fail('%s: %r then %r: lacks %s, shows %s; shown: %r'
             % (sh.name, typed, keys, missing, extra, shown.strip()[-500:]))
    if exact is not None and options_shown(shown) != exact:
        fail('%s: %r then %r: the options shown differ from --help: %s more, %s missing'
             % (sh.name, typed, keys, sorted(options_shown(shown) - exact),
                sorted(exact - options_shown(shown))))
    if not line.startswith(typed):
        fail('%s: %r then %r changed the line to %r' % (sh.name, typed, keys, line))
    return line, shown

def check_kept(sh, typed, keys, network=None):
    """Never erased: the word being completed still starts with what was
    typed (case and accents aside, as find folds them), or is the id of the
    one person a word of whose name starts with it."""
    line, shown = sh.complete(typed, keys)
    head, word = typed.rsplit(' ', 1)
    new = (line.split() + [''] * 9)[len(head.split())]
    ok = line.startswith(head + ' ') and (
        new.lower().startswith(word.lower()) or
        find(word, network).get(new) not in (None, 'part', 'about'))
    if not ok:
        fail('%s: %r then %r erased what was typed: the line became %r'
             % (sh.name, typed, keys, line))

def session(sh):
    z = sh.name == 'zsh'
    tab1 = '\t'
    # bash lists on the second TAB; zsh lists on the first when it cannot
    # insert anything; ^D (list-choices) lists in any case, leaving the line.
    listk = '\x04' if z else '\t\t'

    # Commands and the top level's options.
    check_line(sh, 'advisor pa', tab1, 'advisor path ')
    check_list(sh, 'advisor ', listk, want=sorted(help_commands()))
    check_list(sh, 'advisor -', listk, exact=help_options(None))

    # Every command's options are those of its --help, no more, no fewer.
    for cmd in sorted(help_commands()):
        check_list(sh, 'advisor %s -' % cmd, listk, exact=help_options(cmd))
    check_line(sh, 'advisor advise priya --inc', tab1, 'advisor advise priya --incoming ')
    check_line(sh, 'advisor path --d', tab1, 'advisor path --dot ')
    # remember: the options of the fact type on the line.
    check_list(sh, 'advisor remember dana met -', listk,
               exact={'--date', '--context', '--tone', '-h', '--help'})
    check_list(sh, 'advisor remember dana introduced --', listk, want=['--by', '--note'],
               unwanted=['--tone', '--role', '--from'])

    # Values: intents, fact values, dates (nothing), files, folders.
    check_line(sh, 'advisor advise priya --intent le', tab1, 'advisor advise priya --intent learn ')
    check_line(sh, 'advisor advise priya -i rec', tab1, 'advisor advise priya -i reconnect ')
    check_list(sh, 'advisor advise priya --intent ', listk,
               want=['date', 'job', 'learn', 'network', 'reconnect'], unwanted=['notes.txt'])
    check_list(sh, 'advisor remember dana personal --date 2015 --relation ', listk,
               want=['ex', 'friend', 'family'], unwanted=['boss', 'peer'])
    check_list(sh, 'advisor remember dana worked_together --from 2019 --relation ', listk,
               want=['boss', 'report', 'peer', 'client', 'employer'], unwanted=['ex', 'family'])
    check_line(sh, 'advisor remember dana met --tone co', tab1, 'advisor remember dana met --tone cordial ')
    check_line(sh, 'advisor remember dana interview --role hir', tab1,
               'advisor remember dana interview --role hiring_manager ')
    check_list(sh, 'advisor remember dana interview --status ', listk,
               want=['applied', 'scheduled', 'done', 'offer', 'hired', 'rejected', 'withdrawn'])
    check_list(sh, 'advisor remember dana worked_together --reason ', listk,
               want=['fired', 'laid_off', 'quit', 'contract_end'])
    for typed in ('advisor remember dana worked_together --from ',
                  'advisor remember dana worked_together --from 2019 --to ',
                  'advisor remember dana met --date ', 'advisor advise priya --as-of ',
                  'advisor triage --as-of ', 'advisor forget dana met --date ',
                  'advisor advise priya --note-limit ', 'advisor batch --jobs '):
        # A date or a number: no file names, and the line is left alone.
        check_line(sh, typed, tab1, typed)
        check_list(sh, typed, listk, unwanted=['notes.txt', 'cases.json', 'nets/', 'nets'])
    check_line(sh, 'advisor remember dana met --date 2019-05 --context Py', tab1,
               'advisor remember dana met --date 2019-05 --context Py')
    check_line(sh, 'advisor remember dana met --ty', tab1, 'advisor remember dana met --ty')
    check_line(sh, 'advisor remember dana me', tab1, 'advisor remember dana met ')
    check_list(sh, 'advisor forget dana ', listk,
               want=['met', 'worked_together', 'personal', 'introduced', 'interview'])
    check_line(sh, 'advisor import li', tab1, 'advisor import linkedin ')
    check_line(sh, 'advisor import linkedin exp', tab1, 'advisor import linkedin export.zip ')
    check_line(sh, 'advisor init exp', tab1, 'advisor init export.zip ')
    check_line(sh, 'advisor init --from acc', tab1, 'advisor init --from accents.json ')
    check_list(sh, 'advisor init --from ', listk, want=['accents.json', 'cases.json'],
               unwanted=['notes.txt', 'export.zip'])
    check_line(sh, 'advisor advise priya --network acc', tab1, 'advisor advise priya --network accents.json ')
    check_line(sh, 'advisor advise priya -n nets/ex', tab1, 'advisor advise priya -n nets/example.json ')
    check_list(sh, 'advisor find zoe --network ', listk, want=['accents.json', 'cases.json'],
               unwanted=['notes.txt', 'export.zip'])
    check_line(sh, 'advisor advise priya --policy my', tab1, 'advisor advise priya --policy mypolicy/')
    check_line(sh, 'advisor rules -p my', tab1, 'advisor rules -p mypolicy/')
    check_line(sh, 'advisor import linkedin export.zip -o out', tab1,
               'advisor import linkedin export.zip -o out')
    check_line(sh, 'advisor import linkedin export.zip -a acc', tab1,
               'advisor import linkedin export.zip -a accents.json ')
    check_line(sh, 'advisor test cas', tab1, 'advisor test cases.json ')
    check_line(sh, 'advisor diff -p mypolicy no', tab1, 'advisor diff -p mypolicy notes.txt ')

    # People, on the data folder's network (the example network).
    check_line(sh, 'advisor advise zo', tab1, 'advisor advise zoe-muller ')
    check_line(sh, 'advisor advise muller', tab1, 'advisor advise zoe-muller ')
    check_line(sh, 'advisor path ama', tab1, 'advisor path amara-nwosu ')
    check_line(sh, 'advisor advise --json --intent learn dana-w', tab1,
               'advisor advise --json --intent learn dana-whitfield ')
    check_line(sh, 'advisor remember dana-w', tab1, 'advisor remember dana-whitfield ')
    check_line(sh, 'advisor forget gregory', tab1, 'advisor forget gregory-hale ')
    # 'ra': two people whose names start with it, and four whose names
    # merely hold it: the two are listed and the line keeps 'ra'.
    check_line(sh, 'advisor advise ra', tab1, 'advisor advise ra')
    check_list(sh, 'advisor advise ra', listk, want=['rafael-souza', 'nadia-rahman'],
               unwanted=['amara-nwosu', 'olivia-grant', 'priya-natarajan', 'tomas-herrera'])
    check_line(sh, 'advisor remember jonas introduced --by jo', tab1,
               'advisor remember jonas introduced --by jo')
    check_list(sh, 'advisor remember jonas introduced --by jo', listk,
               want=['jonas-berg', 'jose-alvarez'])
    check_line(sh, 'advisor remember jonas introduced --by dana-', tab1,
               'advisor remember jonas introduced --by dana-whitfield ')
    check_list(sh, 'advisor advise e', listk, want=['elena-petrova', 'erik-lindqvist'],
               unwanted=['brent-walker', 'zoe-muller', 'dana-whitfield'])
    check_line(sh, 'advisor advise nobody-at-all', tab1, 'advisor advise nobody-at-all')
    check_line(sh, 'advisor advise zoe --', tab1, 'advisor advise zoe --')

    # People on the network given on the line, in each of its forms.
    for net in ('--network accents.json', '-n accents.json', '--network=accents.json',
                '-naccents.json', '--network ' + ACC, '--network ~/../work/accents.json',
                "--network 'accents.json'"):
        check_line(sh, 'advisor advise %s zo' % net, tab1, 'advisor advise %s zoltan-kovacs ' % net)
    # ... also when it comes after the cursor (^B moves back over it).
    line, _ = sh.complete('advisor path zo -n accents.json', '\x02' * 16 + tab1)
    if line.split() != 'advisor path zoltan-kovacs -n accents.json'.split():
        fail('%s: the network after the cursor is not read: %r' % (sh.name, line))
    check_line(sh, 'advisor path -n accents.json zo', tab1, 'advisor path -n accents.json zoltan-kovacs ')
    check_line(sh, 'advisor advise -n nets/example.json zo', tab1,
               'advisor advise -n nets/example.json zoe-muller ')
    # Accented names: typed with or without the accents.
    check_line(sh, 'advisor advise -n accents.json élo', tab1, 'advisor advise -n accents.json elodie-dubois ')
    check_line(sh, 'advisor advise -n accents.json ÉRIC', tab1, 'advisor advise -n accents.json eric-durand ')
    check_line(sh, 'advisor advise -n accents.json ángel', tab1, 'advisor advise -n accents.json angel-ruiz ')
    check_line(sh, 'advisor advise -n accents.json kovács', tab1, 'advisor advise -n accents.json zoltan-kovacs ')
    check_line(sh, 'advisor advise -n accents.json tha', tab1, 'advisor advise -n accents.json thao-nguyen ')
    check_line(sh, 'advisor advise -n accents.json jos', tab1, 'advisor advise -n accents.json jose-alvarez-')
    check_line(sh, 'advisor advise -n accents.json é', tab1, 'advisor advise -n accents.json é')
    check_list(sh, 'advisor advise -n accents.json é', listk, want=['elodie-dubois', 'eric-durand'])
    check_line(sh, 'advisor advise -n accents.json chen', tab1, 'advisor advise -n accents.json chen')
    check_list(sh, 'advisor advise -n accents.json chen', listk, want=['mei-chen', 'mei-lin-chen'])
    check_line(sh, 'advisor advise -n accents.json müller', tab1, 'advisor advise -n accents.json bjorn-muller ')
    check_line(sh, 'advisor advise -n accents.json nguy', tab1, 'advisor advise -n accents.json thao-nguyen ')
    # Found by company, not by name: not offered.
    check_line(sh, 'advisor advise -n accents.json renault', tab1, 'advisor advise -n accents.json renault')
    check_list(sh, 'advisor advise -n accents.json renault', listk, unwanted=['eric-durand'])
    # remember and forget read the data folder's network, whatever is on the line.
    check_line(sh, 'advisor remember zo', tab1, 'advisor remember zoe-muller ')

    # Nothing typed is ever erased, on one TAB or two.
    for net, texts in ((None, ['ra', 'da', 'jo', 'e', 'Da', 'RA', 'chen', 'zoë', 'mu', 'an', 'l', 'in']),
                       (ACC, ['é', 'e', 'chen', 'mei', 'jo', 'mü', 'Ál', 'ó', 'z', 'Mei-L'])):
        flag = ' -n ' + ACC if net else ''
        for t in texts:
            for keys in (tab1, tab1 + tab1):
                check_kept(sh, 'advisor advise%s %s' % (flag, t), keys, net)
        check_kept(sh, 'advisor path%s %s' % (flag, texts[0]), tab1, net)
    for t in ('jo', 'ra', 'e'):
        check_kept(sh, 'advisor remember jonas introduced --by %s' % t, tab1)
        check_kept(sh, 'advisor remember %s' % t, tab1)

    # $ADVISOR_NETWORK is the default of advise and path, not of remember.
    sh.run('export ADVISOR_NETWORK=' + ACC)
    check_line(sh, 'advisor path zo', tab1, 'advisor path zoltan-kovacs ')
    check_line(sh, 'advisor advise --network nets/example.json zo', tab1,
               'advisor advise --network nets/example.json zoe-muller ')
    check_line(sh, 'advisor remember zo', tab1, 'advisor remember zoe-muller ')
    sh.run('unset ADVISOR_NETWORK')

    # Another data folder, with accented names: '--by jo' fits two José
    # Álvarez by id and Björn by a part of his name; 'jo' stays.
    sh.run('export XDG_DATA_HOME=' + TMP + '/data2')
    check_line(sh, 'advisor remember mei introduced --by jo', tab1,
               'advisor remember mei introduced --by jose-alvarez-')
    # (bash inserts 'jose-alvarez-' on the first TAB, so it lists on the third.)
    check_list(sh, 'advisor remember mei introduced --by jo', '\x04' if z else '\t\t\t',
               want=['jose-alvarez-1', 'jose-alvarez-2'], unwanted=['bjorn-muller'])
    check_line(sh, 'advisor remember mei introduced --by é', tab1, 'advisor remember mei introduced --by é')
    check_list(sh, 'advisor forget é', listk, want=['elodie-dubois', 'eric-durand'])
    check_line(sh, 'advisor forget zo', tab1, 'advisor forget zoltan-kovacs ')
    check_kept(sh, 'advisor remember mei introduced --by jo', tab1 + tab1, ACC)
    sh.run('export XDG_DATA_HOME=' + TMP + '/data')

def plain_session(sh):
    """bash without bash-completion: the same file still works."""
    tab1, listk = '\t', '\t\t'
    check_line(sh, 'advisor pa', tab1, 'advisor path ')
    check_list(sh, 'advisor advise -', listk, exact=help_options('advise'))
    check_line(sh, 'advisor advise zo', tab1, 'advisor advise zoe-muller ')
    check_line(sh, 'advisor advise ra', tab1, 'advisor advise ra')
    check_list(sh, 'advisor advise ra', listk, want=['rafael-souza', 'nadia-rahman'],
               unwanted=['amara-nwosu', 'olivia-grant'])
    check_line(sh, 'advisor advise -n accents.json zo', tab1, 'advisor advise -n accents.json zoltan-kovacs ')
    check_line(sh, 'advisor advise -n accents.json chen', tab1, 'advisor advise -n accents.json chen')
    check_line(sh, 'advisor advise priya --intent le', tab1, 'advisor advise priya --intent learn ')
    check_line(sh, 'advisor advise priya --network acc', tab1, 'advisor advise priya --network accents.json ')
    check_line(sh, 'advisor advise priya --policy my', tab1, 'advisor advise priya --policy mypolicy/')
    check_line(sh, 'advisor remember dana worked_together --from ', tab1,
               'advisor remember dana worked_together --from ')
    check_list(sh, 'advisor remember dana worked_together --from ', listk, unwanted=['notes.txt'])
    check_line(sh, 'advisor init --from acc', tab1, 'advisor init --from accents.json ')
    check_line(sh, 'advisor remember jonas introduced --by dana-', tab1,
               'advisor remember jonas introduced --by dana-whitfield ')

for start, run in ((start_bash, session), (start_zsh, session), (start_plain_bash, plain_session)):
    began = time.monotonic()
    sh = None
    try:
        sh = start()
        run(sh)
    except (TimeoutError, EOFError) as e:
        fail(str(e))
    finally:
        if sh:
            sh.close()
    print('%s: %d lines completed in %.1f s' % (start.__name__[6:].replace('_', ' '),
                                                sh.count if sh else 0, time.monotonic() - began), flush=True)

sys.exit(1 if failures else 0)
PYTHON

finish "completion: all passed" failed
