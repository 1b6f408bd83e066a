#!/usr/bin/env python3
"""Successive LinkedIn exports of a synthetic user, and the truth behind them.

    tools/gen/successive-exports.py --out DIR [--seed N] [--people N]
        [--exports K] [--start YYYY-MM-DD] [--weeks W] [--zip]
        [--accept KIND=P,...] [--note-bonus P] [--pending P]

Writes K exports of Alex Morgan, a synthetic user, as LinkedIn delivers
them (DIR/Complete_LinkedInDataExport_MM-DD-YYYY/, and with --zip the .zip
of each beside it), dated W weeks apart from --start, and DIR/truth.json.

Between two exports Alex invites people of four kinds, as the shipped
policy sees them on the day the invitation is sent:

    known     a two-way conversation months before: rule known (connect)
    mutuals   a group conversation with one of Alex's connections, and
              nothing else: mutuals and stranger (dont_connect)
    both      the two together: known and mutuals (connect)
    stranger  nothing at all: stranger (dont_connect)

about a third of them with a note.  Each invitation is listed in the
first export after it was sent (none is sent after the next-to-last).
Its fate is drawn once, from a random generator seeded with --seed:
accepted with the probability of its kind (--accept, plus --note-bonus
with a note), else pending with probability --pending (of what is left),
else ended (withdrawn, ignored or expired).  An accepted one becomes a
connection (Connections.csv, Connected On the day accepted) and leaves
Invitations.csv, an ended one leaves it, both in a later export than the
first that listed it; a pending one stays listed.

truth.json holds, per invitation, the person, its kind, the rules the
shipped policy fires and its verdict on the day sent, the note, the fate
as the last export shows it, and the expected counts (sent, accepted,
pending, ended) per rule, per verdict and per note versus none.

Only the Python standard library; the same arguments give the same bytes.
"""
import argparse
import base64
import datetime
import json
import os
import random
import sys
import urllib.parse
import zipfile

KINDS = ["known", "mutuals", "both", "stranger"]
DEFAULT_ACCEPT = {"known": 0.7, "mutuals": 0.45, "both": 0.8, "stranger": 0.15}
# What the shipped policy fires on an outgoing request on the day sent.
RULES = {
    "known": ["known"],
    "mutuals": ["mutuals", "stranger"],
    "both": ["known", "mutuals"],
    "stranger": ["stranger"],
}
VERDICT = {"known": "connect", "mutuals": "dont_connect",
           "both": "connect", "stranger": "dont_connect"}

FIRST = ["Ada", "Bruno", "Chloé", "Dmitri", "Elif", "Farah", "Gustav",
         "Hana", "Ines", "Jonas", "Kofi", "Leila", "Mirko", "Nadia", "Oskar",
         "Paula", "Quentin", "Rosa", "Samir", "Tereza", "Ugo", "Vera",
         "Wanjiru", "Xavier", "Yusuf", "Zoë"]
LAST = ["Almeida", "Berger", "Castro", "Dubois", "Eriksen", "Fontaine",
        "Gallo", "Horvat", "Ivanova", "Jansen", "Kowalczyk", "Lindgren",
        "Moreau", "Novak", "Okafor", "Petrov", "Quist", "Rossi", "Sato",
        "Thorsen", "Ueda", "Varga", "Weiss", "Yilmaz", "Zeller"]
COMPANIES = ["Harbor Labs", "Quill Systems", "Northwind Data", "Copperleaf",
             "Bluefin Health", "Orchard AI", "Tessellate", "Lumenworks"]
TITLES = ["Data Engineer", "Product Designer", "Engineering Manager",
          "Analyst", "Staff Engineer", "Product Manager", "Researcher"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec"]

ME = {"first": "Alex", "last": "Morgan", "slug": "alex-morgan-synth"}
URL = "https://www.linkedin.com/in/"
PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that '
            'some of the email addresses are missing. You will only see email '
            'addresses for connections who have allowed their connections to '
            'see or download their email address using this setting '
            'https://www.linkedin.com/psettings/privacy/email. You can learn '
            'more here https://www.linkedin.com/help/linkedin/answer/261"\n\n')


def slugify(text):
    table = str.maketrans("éëèöüäçñ", "eeeouacn")
    return text.lower().translate(table).replace(" ", "-")


def csv_field(value):
    value = str(value)
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_text(header, rows):
    """RFC 4180 where needed, LF, no newline after the last row."""
    lines = [",".join(header)]
    lines += [",".join(csv_field(v) for v in row) for row in rows]
    return "\n".join(lines)


def sent_at(moment):
    hour = moment.hour % 12 or 12
    ampm = "AM" if moment.hour < 12 else "PM"
    return "%d/%d/%02d, %d:%02d %s" % (moment.month, moment.day,
                                         moment.year % 100, hour,
                                         moment.minute, ampm)


def connected_on(day):
    return "%02d %s %d" % (day.day, MONTHS[day.month - 1], day.year)


def message_date(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def parse_accept(text):
    accept = dict(DEFAULT_ACCEPT)
    for item in filter(None, (text or "").split(",")):
        kind, _, value = item.partition("=")
        if kind not in accept:
            raise SystemExit("--accept: %r is not a kind; expected one of %s"
                             % (kind, ", ".join(KINDS)))
        try:
            accept[kind] = float(value)
        except ValueError:
            raise SystemExit("--accept: %s: %r is not a probability"
                             % (kind, value))
        if not 0 <= accept[kind] <= 1:
            raise SystemExit("--accept: %s: %s is not between 0 and 1"
                             % (kind, value))
    return accept


class Person:
    def __init__(self, first, last, slug, company, title):
        self.first, self.last, self.slug = first, last, slug
        self.company, self.title = company, title

    @property
    def name(self):
        return self.first + " " + self.last

    @property
    def url(self):
        return URL + self.slug


def make_people(rng, count, taken, taken_names):
    people = []
    names = {p.name for p in taken_names}
    while len(people) < count:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        # Unique names while the lists last, so that a name finds one person.
        if first + " " + last in names and len(names) < len(FIRST) * len(LAST):
            continue
        names.add(first + " " + last)
        base = slugify(first + " " + last)
        slug = base
        n = 2
        while slug in taken:
            slug = "%s-%d" % (base, n)
            n += 1
        taken.add(slug)
        people.append(Person(first, last, slug, rng.choice(COMPANIES),
                             rng.choice(TITLES)))
    taken_names.extend(people)
    return people


def conversation_id(rng):
    return "2-" + base64.b64encode(rng.randbytes(12)).decode()


def generate(args):
    rng = random.Random(args.seed)
    accept = parse_accept(args.accept)
    start = datetime.date.fromisoformat(args.start)
    exports = [start + datetime.timedelta(weeks=args.weeks * k)
               for k in range(args.exports)]
    taken = {ME["slug"]}
    everyone = []
    connections = make_people(rng, args.connections, taken, everyone)
    for i, person in enumerate(connections):
        person.connected = start - datetime.timedelta(days=400 + 37 * i)
    prospects = make_people(rng, args.people, taken, everyone)

    messages = []  # (moment, conversation id, title, sender, recipients, text)
    invitations = []
    periods = max(1, args.exports - 1)
    for i, person in enumerate(prospects):
        kind = KINDS[i % len(KINDS)]
        # Sent before the first export, or in one of the periods between
        # two exports (the last export's own period only gets a few).
        period = i % periods
        lo = start - datetime.timedelta(weeks=args.weeks) if period == 0 \
            else exports[period - 1]
        hi = exports[period]
        day = lo + datetime.timedelta(days=rng.randrange((hi - lo).days))
        moment = datetime.datetime.combine(day, datetime.time(
            rng.randrange(8, 20), rng.randrange(60)))
        if kind in ("known", "both"):
            # A two-way conversation three to six months before.
            talk = moment - datetime.timedelta(days=rng.randrange(90, 180))
            cid = conversation_id(rng)
            messages.append((talk, cid, "", person, [ME],
                             "Hi %s, loved your talk at the data meetup. Are "
                             "you going next month?" % ME["first"]))
            messages.append((talk + datetime.timedelta(hours=2), cid, "", ME,
                             [person], "Thanks %s! Yes, see you there."
                             % person.first))
        if kind in ("mutuals", "both"):
            # A group conversation started by a connection, the only
            # message in it: a link between them, not a word to Alex.
            friend = connections[i % len(connections)]
            talk = moment - datetime.timedelta(days=rng.randrange(30, 120))
            messages.append((talk, conversation_id(rng),
                             "%s reading group" % friend.company, friend,
                             [ME, person],
                             "Welcome both, next session is on Thursday."))
        note = rng.random() < args.note_share
        text = ("Hi %s, we spoke about %s last spring. Would you like to "
                "connect?" % (person.first, person.company)) if note else ""
        p = min(1.0, accept[kind] + (args.note_bonus if note else 0.0))
        draw = rng.random()
        fate = "accepted" if draw < p else \
            "pending" if draw < p + (1 - p) * args.pending else "ended"
        # Listed first in export `period`; resolved before a later one.
        resolved = None
        if fate != "pending" and period + 1 < len(exports):
            later = rng.randrange(period + 1, len(exports))
            lo2 = max(exports[later - 1], day) + datetime.timedelta(days=1)
            span = max(1, (exports[later] - lo2).days + 1)
            resolved = lo2 + datetime.timedelta(days=rng.randrange(span))
        else:
            fate = "pending"
        invitations.append({"person": person, "kind": kind, "moment": moment,
                            "note": text, "fate": fate, "resolved": resolved,
                            "period": period})
    return exports, connections, prospects, messages, invitations, accept


def write_export(folder, day, connections, messages, invitations):
    os.makedirs(folder, exist_ok=True)
    files = {}
    files["Profile.csv"] = csv_text(
        ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date",
         "Headline", "Summary", "Industry", "Zip Code", "Geo Location",
         "Twitter Handles", "Websites", "Instant Messengers"],
        [[ME["first"], ME["last"], "", "", "Jul 9, 1990",
          "Data Platform Lead at Fernhill Analytics", "", "Software Development",
          "", "Lisbon, Portugal", "", "", ""]])
    files["Positions.csv"] = csv_text(
        ["Company Name", "Title", "Description", "Location", "Started On",
         "Finished On"],
        [["Fernhill Analytics", "Data Platform Lead", "", "Lisbon, Portugal",
          "Apr 2021", ""]])
    rows = []
    for inv in invitations:
        if inv["resolved"] and inv["resolved"] <= day and \
                inv["fate"] == "accepted":
            rows.append((inv["resolved"], inv["person"]))
    rows += [(p.connected, p) for p in connections]
    rows.sort(key=lambda r: (r[0], r[1].slug), reverse=True)
    files["Connections.csv"] = PREAMBLE + csv_text(
        ["First Name", "Last Name", "URL", "Email Address", "Company",
         "Position", "Connected On"],
        [[p.first, p.last, URL + urllib.parse.quote(p.slug), "", p.company,
          p.title, connected_on(d)] for d, p in rows])
    listed = [inv for inv in invitations
              if inv["moment"].date() <= day and
              not (inv["resolved"] and inv["resolved"] <= day)]
    listed.sort(key=lambda inv: inv["moment"], reverse=True)
    me_name = ME["first"] + " " + ME["last"]
    files["Invitations.csv"] = csv_text(
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
         "inviteeProfileUrl"],
        [[me_name, inv["person"].name, sent_at(inv["moment"]), inv["note"],
          "OUTGOING", URL + ME["slug"], inv["person"].url] for inv in listed])
    shown = sorted((m for m in messages if m[0].date() <= day),
                   key=lambda m: m[0], reverse=True)

    def name(p):
        return me_name if p is ME else p.name

    def url(p):
        return URL + (ME["slug"] if p is ME else p.slug)
    files["messages.csv"] = csv_text(
        ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL",
         "TO", "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT",
         "FOLDER", "ATTACHMENTS", "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"],
        [[cid, title, name(sender), url(sender),
          ", ".join(name(r) for r in to), ",".join(url(r) for r in to),
          message_date(moment), "", text, "INBOX", "", "No", "No"]
         for moment, cid, title, sender, to, text in shown])
    for name_, text in files.items():
        with open(os.path.join(folder, name_), "w", encoding="utf-8",
                  newline="") as f:
            f.write(text)
    return files


def fate_at(inv, day):
    if inv["resolved"] and inv["resolved"] <= day:
        return inv["fate"]
    return "pending"


def counts(invitations, key):
    table = {}
    for inv in invitations:
        for k in key(inv):
            row = table.setdefault(k, {"sent": 0, "accepted": 0,
                                       "pending": 0, "ended": 0})
            row["sent"] += 1
            row[inv["final"]] += 1
    return dict(sorted(table.items()))


def main(argv):
    ap = argparse.ArgumentParser(
        description="Successive LinkedIn exports of a synthetic user.")
    ap.add_argument("--out", required=True, help="the folder to write")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--people", type=int, default=40,
                    help="people invited, one invitation each (default 40)")
    ap.add_argument("--connections", type=int, default=12,
                    help="connections before the first invitation (default 12)")
    ap.add_argument("--exports", type=int, default=4)
    ap.add_argument("--start", default="2026-09-01",
                    help="the first export's day (default 2026-09-01)")
    ap.add_argument("--weeks", type=int, default=3,
                    help="weeks between two exports (default 3)")
    ap.add_argument("--accept", default="",
                    help="acceptance probability by kind, e.g. known=0.9,"
                    "stranger=0.1 (defaults: %s)" % ",".join(
                        "%s=%g" % kv for kv in DEFAULT_ACCEPT.items()))
    ap.add_argument("--note-bonus", type=float, default=0.1,
                    help="added to the probability with a note (default 0.1)")
    ap.add_argument("--note-share", type=float, default=0.33,
                    help="the share of invitations with a note (default 0.33)")
    ap.add_argument("--pending", type=float, default=0.2,
                    help="of those not accepted, the share left pending "
                    "(default 0.2)")
    ap.add_argument("--zip", action="store_true",
                    help="also write each export as a .zip beside its folder")
    args = ap.parse_args(argv)
    if args.exports < 2:
        ap.error("--exports: at least 2, so that an invitation can be resolved")
    if args.people < 1 or args.connections < 1 or args.weeks < 1:
        ap.error("--people, --connections and --weeks must be at least 1")

    exports, connections, prospects, messages, invitations, accept = \
        generate(args)
    os.makedirs(args.out, exist_ok=True)
    written = []
    for day in exports:
        name = "Complete_LinkedInDataExport_%02d-%02d-%d" % (
            day.month, day.day, day.year)
        folder = os.path.join(args.out, name)
        files = write_export(folder, day, connections, messages, invitations)
        written.append({"date": day.isoformat(), "folder": name})
        if args.zip:
            with zipfile.ZipFile(folder + ".zip", "w",
                                 zipfile.ZIP_DEFLATED) as z:
                for file_name in sorted(files):
                    info = zipfile.ZipInfo(file_name,
                                           (day.year, day.month, day.day,
                                            0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    z.writestr(info, files[file_name])
            written[-1]["zip"] = name + ".zip"

    last = exports[-1]
    records = []
    for inv in invitations:
        inv["final"] = fate_at(inv, last)
        rec = {
            "person": inv["person"].slug,
            "name": inv["person"].name,
            "kind": inv["kind"],
            "sent": inv["moment"].date().isoformat(),
            "note": bool(inv["note"]),
            "rules": RULES[inv["kind"]],
            "verdict": VERDICT[inv["kind"]],
            "fate": inv["final"],
            "first_listed": exports[inv["period"]].isoformat(),
        }
        if inv["final"] != "pending":
            rec["resolved"] = inv["resolved"].isoformat()
        if inv["final"] == "accepted":
            rec["days"] = (inv["resolved"] - inv["moment"].date()).days
        records.append(rec)
    truth = {
        "format": "advisor-successive-exports/1",
        "me": ME["slug"],
        "seed": args.seed,
        "exports": written,
        "accept": accept,
        "note_bonus": args.note_bonus,
        "pending": args.pending,
        "invitations": records,
        "counts": {
            "rule": counts(invitations, lambda inv: RULES[inv["kind"]]),
            "verdict": counts(invitations, lambda inv: [VERDICT[inv["kind"]]]),
            "note": counts(invitations,
                           lambda inv: ["note" if inv["note"] else "none"]),
            "all": counts(invitations, lambda inv: ["all"])["all"],
        },
    }
    with open(os.path.join(args.out, "truth.json"), "w",
              encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
