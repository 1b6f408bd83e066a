/*
 * advisor-gen.c - synthetic networks and request streams for advisor.
 *
 *   advisor-gen network  --people N [--links-per-person K] [--seed S]
 *                        [--format json|ndjson] [--connected-fraction F%]
 *                        [-o FILE]
 *   advisor-gen requests --people N --count M [--seed S] [--as-of DATE]
 *                        [-o FILE]
 *
 * What it generates.  A network in the "advisor-network/1" format (see
 * docs/data-format.md): me, then N people p0001..pN (ids zero-padded to the
 * width of N) with names, headline, company, title, industry (about a third
 * "Software", some spelled "software" or "SOFTWARE"), all seven seniorities,
 * heavy-tailed follower counts, a few influencers, F% already connected, and
 * 0 to 4 events each, of every type and every enumerated value, so that
 * each rule of the default policy fires for some people.  Links follow a
 * Chung-Lu model: each person gets a power-law weight (P(degree > d) ~
 * d^-1.5, capped at sqrt(N*K)), and about N*K/2 links are drawn with
 * endpoints proportional to weight, so the average degree is about K.  Each
 * link is listed once, by the one endpoint a hash of the pair names as its
 * owner; there are no self-links, no links to me and no duplicates.
 * A request stream is one JSON request per line about declared people.
 *
 * How it stays fast.  Nothing but the weights, an alias table and a mark
 * per person (16 bytes a person; 12 more while the table is built) is held
 * in memory: each person's links are drawn when the person is written, in
 * O(1) per link, and the output is streamed through one buffer.  1M people
 * and 10M links take a few seconds and about 25 MB.
 *
 * Why it is deterministic.  All randomness comes from our own xoshiro256**
 * generators, seeded with splitmix64 from --seed, a purpose tag and the
 * person's number, so each person's record depends only on the arguments.
 * Only integer arithmetic is used (no floating point, no rand(), no clock,
 * no locale), and numbers are printed as integers by our own code: the same
 * arguments give byte-identical output on any machine and compiler.  To keep
 * it so, never make two draws in one expression or one call's arguments
 * (f(pick_day(r), pick_precision(r))): C leaves their order unspecified, and
 * gcc and clang evaluate them in opposite orders.  Draw into locals first.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PEOPLE 100000000u   /* ids up to p100000000 */
#define MAX_LINKS_PER_PERSON 1000u
#define MAX_COUNT 1000000000u
#define LINK_ATTEMPTS 32        /* draws per link before giving up on it */
#define OUT_CAP (1u << 20)

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------
 * Random numbers: splitmix64 to seed, xoshiro256** to draw.
 * ------------------------------------------------------------------------ */

typedef struct rng {
	uint64_t s[4];
} rng;

/* Purposes, so that independent streams never share a seed. */
enum { STREAM_WEIGHTS = 1, STREAM_PERSON, STREAM_LINKS, STREAM_REQUESTS,
       STREAM_OWNER };

static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint64_t mix64(uint64_t x)
{
	return splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t next(rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* The stream for one purpose and one index (a person's number, or 0). */
static rng stream(uint64_t seed, uint64_t purpose, uint64_t index)
{
	rng r;
	uint64_t state = mix64(seed ^ mix64((purpose << 40) ^ mix64(index)));
	for (int i = 0; i < 4; i++)
		r.s[i] = splitmix64(&state);
	return r;
}

/* A number in [0, n), n > 0.  The modulo bias is below 2^-30 for every n
 * used here, and the result is the same everywhere. */
static uint64_t below(rng *r, uint64_t n)
{
	return next(r) % n;
}

/* True with probability percent/100. */
static int chance(rng *r, unsigned percent)
{
	return below(r, 100) < percent;
}

/* An index into `weights` (n entries), drawn proportionally to them. */
static size_t pick(rng *r, const unsigned *weights, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += weights[i];
	uint64_t x = below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

#define PICK(r, w) pick((r), (w), COUNT_OF(w))
#define ANY(r, list) ((list)[below((r), COUNT_OF(list))])

/* ------------------------------------------------------------------------
 * Output: one buffer, flushed to a FILE with fwrite.
 * ------------------------------------------------------------------------ */

typedef struct out {
	FILE *f;
	char *buf;
	size_t len;
	int failed;
} out;

static void out_flush(out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		o->failed = 1;
	o->len = 0;
}

/* Every single piece written is far smaller than the buffer. */
static void put(out *o, const char *s, size_t n)
{
	if (o->len + n > OUT_CAP)
		out_flush(o);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void puts_(out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void putc_(out *o, char c)
{
	put(o, &c, 1);
}

static void put_uint(out *o, uint64_t v)
{
	char tmp[24];
	size_t i = sizeof(tmp);
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(o, tmp + i, sizeof(tmp) - i);
}

/* A JSON string; callers pass only ASCII text with nothing to escape. */
static void put_str(out *o, const char *s)
{
	putc_(o, '"');
	puts_(o, s);
	putc_(o, '"');
}

/* ,"key": */
static void put_key(out *o, const char *key)
{
	putc_(o, ',');
	put_str(o, key);
	putc_(o, ':');
}

static void put_field(out *o, const char *key, const char *value)
{
	put_key(o, key);
	put_str(o, value);
}

/* "p0000123": the person's id, zero-padded to `width` digits. */
static void put_id(out *o, uint32_t person, int width)
{
	char tmp[16];
	int i = width + 1;
	tmp[0] = 'p';
	for (int k = width; k >= 1; k--, person /= 10)
		tmp[k] = (char)('0' + person % 10);
	putc_(o, '"');
	put(o, tmp, (size_t)i);
	putc_(o, '"');
}

/* ------------------------------------------------------------------------
 * Dates, as day numbers counted from 1970-01-01 (H. Hinnant's algorithms).
 * ------------------------------------------------------------------------ */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, unsigned *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (unsigned)(yoe + era * 400 + (*m <= 2));
}

enum { FULL_DATE, MONTH_DATE, YEAR_DATE };

/* "2019-05-03", "2019-05" or "2019". */
static void put_date(out *o, int64_t day, int precision)
{
	unsigned y, m, d;
	char tmp[16];
	civil_from_days(day, &y, &m, &d);
	tmp[0] = '"';
	tmp[1] = (char)('0' + y / 1000);
	tmp[2] = (char)('0' + y / 100 % 10);
	tmp[3] = (char)('0' + y / 10 % 10);
	tmp[4] = (char)('0' + y % 10);
	tmp[5] = '-';
	tmp[6] = (char)('0' + m / 10);
	tmp[7] = (char)('0' + m % 10);
	tmp[8] = '-';
	tmp[9] = (char)('0' + d / 10);
	tmp[10] = (char)('0' + d % 10);
	size_t len = precision == FULL_DATE ? 11 : precision == MONTH_DATE ? 8 : 5;
	tmp[len] = '"';
	put(o, tmp, len + 1);
}

/* Mostly full dates, some YYYY-MM, a few YYYY. */
static int pick_precision(rng *r)
{
	static const unsigned w[] = { 85, 10, 5 };
	return (int)PICK(r, w);
}

/* "2026-11-27" as a day number, or -1 if it is not a full, valid date. */
static int64_t parse_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	unsigned y = (unsigned)atoi(s), m = (unsigned)atoi(s + 5),
		 d = (unsigned)atoi(s + 8);
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return -1;
	return days_from_civil(y, m, d);
}

/* ------------------------------------------------------------------------
 * Vocabulary.
 * ------------------------------------------------------------------------ */

static const char *const first_names[] = {
	"Ana", "Ben", "Chen", "Dara", "Elif", "Femi", "Gita", "Hugo", "Ines",
	"Jonas", "Kenji", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn",
	"Rosa", "Sami", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe",
	"Alex", "Maria", "David", "Sofia", "Lucas", "Emma" };

static const char *const last_names[] = {
	"Silva", "Becker", "Kim", "Natarajan", "Fischer", "Muller", "Okafor",
	"Hale", "Nwosu", "Garcia", "Rossi", "Novak", "Tanaka", "Cohen", "Larsen",
	"Dubois", "Kowalski", "Haddad", "Mensah", "Ivanova", "Petrov", "Costa",
	"Jensen", "Moreau", "Sato", "Ali", "Brown", "Lopez", "Schmidt", "Wong",
	"Patel", "Reyes" };

static const char *const companies[] = {
	"Orbit", "Nimbus Labs", "Quantix", "Acme Corp", "Helix Health",
	"Bluefin Capital", "Northwind", "Globex", "Initech", "Umbrella Retail",
	"Stark Industries", "Wayne Energy", "Tyrell Bio", "Cyberdyne",
	"Soylent Foods", "Vandelay Imports", "Hooli", "Pied Piper",
	"Massive Dynamic", "Aperture Science", "Wonka Media", "Oceanic Air",
	"Gringotts Bank", "Monarch Consulting" };

/* Twelve industries; "Software" about a third, in three spellings. */
static const char *const industries[] = {
	"Software", "software", "SOFTWARE", "Finance", "Healthcare", "Education",
	"Marketing", "Retail", "Manufacturing", "Consulting", "Media",
	"Government", "Energy", "Biotechnology" };
static const unsigned industry_weights[] = {
	30, 3, 1, 8, 8, 7, 7, 6, 6, 7, 5, 4, 4, 4 };

static const char *const locations[] = {
	"Berlin", "London", "Paris", "New York", "San Francisco", "Toronto",
	"Bangalore", "Singapore", "Sao Paulo", "Lagos", "Sydney", "Tokyo",
	"Munich", "Amsterdam", "Remote" };

static const char *const seniorities[] = {
	"student", "entry", "senior", "manager", "director", "executive",
	"founder" };
static const unsigned seniority_weights[] = { 8, 20, 30, 18, 10, 6, 8 };

/* Three titles for each seniority, in the order above. */
static const char *const titles[][3] = {
	{ "Computer Science Student", "MBA Candidate", "Intern" },
	{ "Junior Engineer", "Analyst", "Associate" },
	{ "Senior Engineer", "Staff Engineer", "Senior Designer" },
	{ "Engineering Manager", "Product Manager", "Team Lead" },
	{ "Director of Engineering", "Director of Product", "Head of Data" },
	{ "CTO", "VP Engineering", "CFO" },
	{ "Founder", "Co-founder", "Founder and CEO" } };

/* Events: "PyCon 2019" takes the year of the event. */
static const char *const conferences[] = {
	"PyCon", "KubeCon", "Web Summit", "FOSDEM", "RustConf", "Strange Loop",
	"JSConf", "Data Council" };
static const char *const places[] = {
	"a meetup in Berlin", "a friend's dinner", "the alumni reunion",
	"a hackathon", "a client workshop" };

static const char *const tones[] = { "cordial", "neutral", "awkward", "hostile" };
static const unsigned tone_weights[] = { 45, 25, 15, 15 };

static const char *const work_relations[] = {
	"boss", "report", "peer", "client", "employer" };
static const unsigned work_relation_weights[] = { 20, 15, 40, 15, 10 };

static const char *const endings[] = { "good", "neutral", "bad" };
static const char *const bad_reasons[] = { "fired", "laid_off", "quit" };
static const char *const other_reasons[] = { "quit", "contract_end", "laid_off" };

static const char *const personal_relations[] = { "ex", "friend", "family" };
static const unsigned personal_relation_weights[] = { 30, 45, 25 };

static const char *const interview_roles[] = {
	"hiring_manager", "interviewer", "recruiter" };
static const char *const statuses[] = {
	"applied", "scheduled", "done", "offer", "hired", "rejected",
	"withdrawn" };
static const unsigned status_weights[] = { 15, 15, 15, 10, 10, 25, 10 };

static const char *const directions[] = { "in", "out" };

static const char *const intro_notes[] = {
	"thinks we should talk about data pipelines",
	"says you are the person to ask about hiring",
	"met us both at the same conference" };
static const char *const invitation_messages[] = {
	"Hi, I'd like to add you to my professional network.",
	"Great meeting you last week!",
	"Hello! Let's stay in touch." };

enum { EV_MET, EV_WORKED, EV_PERSONAL, EV_INTRODUCED, EV_INTERVIEW,
       EV_MESSAGE, EV_INVITATION };
static const unsigned event_weights[] = { 26, 16, 8, 10, 12, 16, 12 };
static const unsigned event_count_weights[] = { 35, 30, 20, 10, 5 }; /* 0..4 */

/* Requests. */
static const char *const intents[] = {
	"date", "job", "learn", "network", "reconnect" };
static const unsigned intent_weights[] = { 3, 20, 30, 25, 22 };
static const unsigned intent_count_weights[] = { 30, 50, 20 };   /* 0..2 */

/* ------------------------------------------------------------------------
 * Options.
 * ------------------------------------------------------------------------ */

enum { CMD_NETWORK, CMD_REQUESTS };

typedef struct options {
	int command;
	uint64_t people, links_per_person, seed, count;
	unsigned connected_permille;
	int json;                   /* else ndjson */
	const char *as_of;
	const char *output;
} options;

static const char usage[] =
"usage: advisor-gen network --people N [--links-per-person K (20)] [--seed S (1)]\n"
"                           [--format json|ndjson (ndjson)]\n"
"                           [--connected-fraction F% (5)] [-o FILE]\n"
"       advisor-gen requests --people N --count M [--seed S (1)]\n"
"                           [--as-of YYYY-MM-DD (2026-11-27)] [-o FILE]\n"
"\n"
"Writes a synthetic advisor-network/1 network (about N*K/2 links, a\n"
"power-law degree distribution) or M requests about its people, one JSON\n"
"object a line, to FILE or stdout.  The same arguments give the same bytes.\n";

static int fail_usage(const char *what, const char *arg)
{
	fprintf(stderr, "advisor-gen: %s%s%s\n\n%s", what, arg ? ": " : "",
		arg ? arg : "", usage);
	return -1;
}

/* A decimal integer from 0 to max, nothing else. */
static int parse_uint(const char *s, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		unsigned digit = (unsigned)(*s - '0');
		if (x > (UINT64_MAX - digit) / 10)
			return -1;
		x = x * 10 + digit;
	}
	if (x > max)
		return -1;
	*v = x;
	return 0;
}

/* "5", "5%" or "2.5%", from 0 to 100, as per mille. */
static int parse_percent(const char *s, unsigned *permille)
{
	char text[16];
	size_t n = strlen(s);
	if (n && s[n - 1] == '%')
		n--;
	if (n == 0 || n >= sizeof(text))
		return -1;
	memcpy(text, s, n);
	text[n] = '\0';
	char *dot = strchr(text, '.');
	uint64_t whole, tenth = 0;
	if (dot) {
		*dot = '\0';
		if (strlen(dot + 1) != 1 || parse_uint(dot + 1, 9, &tenth) < 0)
			return -1;
	}
	if (parse_uint(text, 100, &whole) < 0 || whole * 10 + tenth > 1000)
		return -1;
	*permille = (unsigned)(whole * 10 + tenth);
	return 0;
}

/* "--name value" or "--name=value"; returns the value or NULL. */
static const char *option_value(int argc, char **argv, int *i,
	const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0' || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int parse_options(int argc, char **argv, options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->links_per_person = 20;
	opt->seed = 1;
	opt->connected_permille = 50;
	opt->as_of = "2026-11-27";
	if (argc < 2)
		return fail_usage("expected a command, network or requests", NULL);
	if (strcmp(argv[1], "network") == 0)
		opt->command = CMD_NETWORK;
	else if (strcmp(argv[1], "requests") == 0)
		opt->command = CMD_REQUESTS;
	else
		return fail_usage("unknown command", argv[1]);

	int net = opt->command == CMD_NETWORK, seen_count = 0;
	for (int i = 2; i < argc; i++) {
		const char *v;
		if ((v = option_value(argc, argv, &i, "--people"))) {
			if (parse_uint(v, MAX_PEOPLE, &opt->people) < 0 || !opt->people)
				return fail_usage("--people: expected 1 to 100000000", v);
		} else if ((v = option_value(argc, argv, &i, "--seed"))) {
			if (parse_uint(v, UINT64_MAX, &opt->seed) < 0)
				return fail_usage("--seed: expected an integer >= 0", v);
		} else if ((v = option_value(argc, argv, &i, "-o")) ||
			   (v = option_value(argc, argv, &i, "--output"))) {
			opt->output = v;
		} else if (net && (v = option_value(argc, argv, &i, "--links-per-person"))) {
			if (parse_uint(v, MAX_LINKS_PER_PERSON, &opt->links_per_person) < 0)
				return fail_usage("--links-per-person: expected 0 to 1000", v);
		} else if (net && (v = option_value(argc, argv, &i, "--format"))) {
			if (strcmp(v, "json") != 0 && strcmp(v, "ndjson") != 0)
				return fail_usage("--format: expected json or ndjson", v);
			opt->json = strcmp(v, "json") == 0;
		} else if (net && (v = option_value(argc, argv, &i, "--connected-fraction"))) {
			if (parse_percent(v, &opt->connected_permille) < 0)
				return fail_usage("--connected-fraction: expected a percentage "
					"from 0 to 100, such as 5%", v);
		} else if (!net && (v = option_value(argc, argv, &i, "--count"))) {
			if (parse_uint(v, MAX_COUNT, &opt->count) < 0)
				return fail_usage("--count: expected 0 to 1000000000", v);
			seen_count = 1;
		} else if (!net && (v = option_value(argc, argv, &i, "--as-of"))) {
			if (parse_date(v) < 0)
				return fail_usage("--as-of: expected a date, YYYY-MM-DD", v);
			opt->as_of = v;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			exit(0);
		} else {
			return fail_usage("unknown option or missing value", argv[i]);
		}
	}
	if (!opt->people)
		return fail_usage("--people is required", NULL);
	if (!net && !seen_count)
		return fail_usage("--count is required", NULL);
	return 0;
}

/* ------------------------------------------------------------------------
 * The link model: power-law weights and an alias table to draw from them.
 * ------------------------------------------------------------------------ */

typedef struct graph_model {
	uint32_t n;            /* people, numbered 1..n; index k is person k+1 */
	uint32_t *weight;      /* each person's weight, <= 2^24 */
	uint32_t *cut;         /* alias table: keep bucket k if low bits < cut */
	uint32_t *alias;       /* ... else take alias[k] */
	uint64_t total;        /* the sum of the weights */
	uint64_t links;        /* links to draw: n*K/2 */
	uint64_t owner_key;    /* decides which endpoint lists a link */
	uint32_t *mark;        /* mark[k] == person: k is already in their list */
	uint32_t *list;        /* the current person's links */
	uint32_t list_cap;
} graph_model;

static uint64_t icbrt(uint64_t x)
{
	uint64_t lo = 0, hi = 2642245;        /* 2642245^3 < 2^64 */
	while (lo < hi) {
		uint64_t mid = (lo + hi + 1) / 2;
		if (mid * mid * mid <= x)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static uint64_t isqrt(uint64_t x)
{
	uint64_t lo = 0, hi = 4294967295u;
	while (lo < hi) {
		uint64_t mid = (lo + hi + 1) / 2;
		if (mid * mid <= x)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* floor(a * 2^32 / b) for a < b < 2^63, by long division. */
static uint32_t fraction32(uint64_t a, uint64_t b)
{
	uint32_t q = 0;
	for (int i = 0; i < 32; i++) {
		a <<= 1;
		q <<= 1;
		if (a >= b) {
			a -= b;
			q |= 1;
		}
	}
	return q;
}

/* Zipf-like weights: a random rank r in 1..n weighs 2^24 / r^(2/3), which
 * makes P(degree > d) fall as d^-1.5.  The largest weights are capped so
 * that no one's expected degree is above about sqrt(n*K). */
static void make_weights(graph_model *g, uint64_t seed, uint64_t k)
{
	rng r = stream(seed, STREAM_WEIGHTS, 0);
	uint64_t total = 0;
	for (uint32_t i = 0; i < g->n; i++) {
		uint64_t rank = 1 + below(&r, g->n);
		g->weight[i] = (uint32_t)((1u << 24) / icbrt(rank * rank));
		total += g->weight[i];
	}
	uint64_t max_degree = isqrt((uint64_t)g->n * k);
	if (max_degree < k)
		max_degree = k;
	/* expected degree = k * weight * n / total */
	uint64_t cap = k ? total / g->n * max_degree / k : UINT32_MAX;
	if (cap < 1)
		cap = 1;
	g->total = 0;
	for (uint32_t i = 0; i < g->n; i++) {
		if (g->weight[i] > cap)
			g->weight[i] = (uint32_t)cap;
		g->total += g->weight[i];
	}
}

/* Walker's alias table, built by Vose's method in integers: bucket k holds
 * weight[k]*n out of a full bucket of `total`. */
static int make_alias_table(graph_model *g)
{
	uint32_t n = g->n;
	uint64_t *have = malloc((size_t)n * sizeof(*have));
	uint32_t *stack = malloc((size_t)n * sizeof(*stack));
	if (!have || !stack) {
		free(have);
		free(stack);
		return -1;
	}
	/* Under-full buckets grow from the front of `stack`, over-full ones
	 * from the back. */
	size_t small = 0, large = n;
	for (uint32_t i = 0; i < n; i++) {
		have[i] = (uint64_t)g->weight[i] * n;
		if (have[i] < g->total)
			stack[small++] = i;
		else
			stack[--large] = i;
	}
	while (small > 0 && large < n) {
		uint32_t s = stack[--small], l = stack[large++];
		g->cut[s] = fraction32(have[s], g->total);
		g->alias[s] = l;
		have[l] -= g->total - have[s];
		if (have[l] < g->total)
			stack[small++] = l;
		else
			stack[--large] = l;
	}
	/* What is left is full, up to rounding: it keeps itself. */
	while (small > 0) {
		uint32_t s = stack[--small];
		g->cut[s] = UINT32_MAX;
		g->alias[s] = s;
	}
	for (; large < n; large++) {
		uint32_t l = stack[large];
		g->cut[l] = UINT32_MAX;
		g->alias[l] = l;
	}
	free(have);
	free(stack);
	return 0;
}

/* A person index drawn proportionally to weight, from one 64-bit number. */
static uint32_t draw_person(const graph_model *g, rng *r)
{
	uint64_t x = next(r);
	uint32_t bucket = (uint32_t)(((x >> 32) * g->n) >> 32);
	return (uint32_t)x < g->cut[bucket] ? bucket : g->alias[bucket];
}

/* Does person index a list the link between a and b (rather than b)?  A
 * hash of the pair decides, so a link can be drawn from one side only. */
static int lists_link(const graph_model *g, uint32_t a, uint32_t b)
{
	uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
	uint64_t h = mix64(g->owner_key ^ ((uint64_t)lo << 32 | hi));
	return (h >> 63) ? a == lo : a == hi;
}

/* How many links person index i lists: links * weight / total, the
 * remainder rounded up at random.  Since each person draws only the links
 * they own (half of their partners, by the hash), and draws them with
 * twice the probability, the expected degree stays 2*links*weight/total. */
static uint32_t links_owned(const graph_model *g, rng *r, uint32_t i)
{
	uint64_t x = g->links * g->weight[i];
	uint64_t m = x / g->total;
	if (below(r, g->total) < x % g->total)
		m++;
	return (uint32_t)m;
}

/* Fill g->list with person index i's links; returns how many. */
static uint32_t draw_links(graph_model *g, uint64_t seed, uint32_t i)
{
	rng r = stream(seed, STREAM_LINKS, i);
	uint32_t want = links_owned(g, &r, i), have = 0;
	if (want > g->list_cap)
		want = g->list_cap;
	for (uint32_t k = 0; k < want; k++) {
		for (int attempt = 0; attempt < LINK_ATTEMPTS; attempt++) {
			uint32_t j = draw_person(g, &r);
			if (j == i || g->mark[j] == i + 1 || !lists_link(g, i, j))
				continue;
			g->mark[j] = i + 1;
			g->list[have++] = j;
			break;
		}
	}
	return have;
}

static int graph_model_init(graph_model *g, const options *opt)
{
	memset(g, 0, sizeof(*g));
	g->n = (uint32_t)opt->people;
	g->links = opt->people * opt->links_per_person / 2;
	g->owner_key = mix64(opt->seed ^ mix64(STREAM_OWNER));
	size_t n = g->n;
	g->weight = malloc(n * sizeof(uint32_t));
	g->cut = malloc(n * sizeof(uint32_t));
	g->alias = malloc(n * sizeof(uint32_t));
	g->mark = calloc(n, sizeof(uint32_t));
	if (!g->weight || !g->cut || !g->alias || !g->mark)
		return -1;
	make_weights(g, opt->seed, opt->links_per_person);
	if (make_alias_table(g) < 0)
		return -1;
	/* No one owns more links than the heaviest weight allows. */
	uint32_t heaviest = 0;
	for (size_t i = 0; i < n; i++)
		if (g->weight[i] > heaviest)
			heaviest = g->weight[i];
	g->list_cap = (uint32_t)(g->links * heaviest / g->total + 1);
	if (g->list_cap > g->n)
		g->list_cap = g->n;
	g->list = malloc((size_t)g->list_cap * sizeof(uint32_t));
	return g->list ? 0 : -1;
}

static void graph_model_free(graph_model *g)
{
	free(g->weight);
	free(g->cut);
	free(g->alias);
	free(g->mark);
	free(g->list);
}

/* ------------------------------------------------------------------------
 * People and their events.
 * ------------------------------------------------------------------------ */

typedef struct world {
	const options *opt;
	graph_model graph;
	int width;                 /* digits of a person id */
	int64_t first_day, last_day, recent_day;
	uint64_t links_written, events_written, connected;
} world;

/* A day from 2008-01-01 to 2026-11-26, three in ten from the last three
 * years, so that some contact is recent. */
static int64_t pick_day(const world *w, rng *r)
{
	int64_t from = chance(r, 30) ? w->recent_day : w->first_day;
	return from + (int64_t)below(r, (uint64_t)(w->last_day - from + 1));
}

/* A day from `from` to the last day. */
static int64_t pick_day_after(const world *w, rng *r, int64_t from)
{
	return from + (int64_t)below(r, (uint64_t)(w->last_day - from + 1));
}

static void put_date_field(out *o, const char *key, int64_t day, int precision)
{
	put_key(o, key);
	put_date(o, day, precision);
}

static void begin_event(out *o, const char *type)
{
	puts_(o, "{\"type\":");
	put_str(o, type);
}

static void write_met(out *o, const world *w, rng *r)
{
	int64_t day = pick_day(w, r);
	begin_event(o, "met");
	put_date_field(o, "date", day, pick_precision(r));
	unsigned kind = (unsigned)below(r, 10);
	if (kind < 7) {                        /* "PyCon 2019" */
		unsigned y, m, d;
		civil_from_days(day, &y, &m, &d);
		put_key(o, "context");
		putc_(o, '"');
		puts_(o, ANY(r, conferences));
		putc_(o, ' ');
		put_uint(o, y);
		putc_(o, '"');
	} else if (kind < 9) {
		put_field(o, "context", ANY(r, places));
	}                                      /* else no context */
	put_field(o, "tone", tones[PICK(r, tone_weights)]);
	putc_(o, '}');
}

static void write_worked_together(out *o, const world *w, rng *r)
{
	int64_t from = pick_day(w, r);
	begin_event(o, "worked_together");
	put_field(o, "org", ANY(r, companies));
	put_field(o, "relation", work_relations[PICK(r, work_relation_weights)]);
	put_date_field(o, "from", from, pick_precision(r));
	if (chance(r, 20)) {                   /* ongoing: no to, no ending */
		putc_(o, '}');
		return;
	}
	/* `to` is on or after `from`, whatever the precision of either. */
	int64_t to = pick_day_after(w, r, from);
	put_date_field(o, "to", to, pick_precision(r));
	static const unsigned ending_weights[] = { 45, 30, 25 };
	size_t ending = PICK(r, ending_weights);
	put_field(o, "ending", endings[ending]);
	if (ending == 2)
		put_field(o, "reason", ANY(r, bad_reasons));
	else if (chance(r, 60))
		put_field(o, "reason", ANY(r, other_reasons));
	putc_(o, '}');
}

static void write_personal(out *o, const world *w, rng *r)
{
	size_t relation = PICK(r, personal_relation_weights);
	int64_t day = pick_day(w, r);
	begin_event(o, "personal");
	put_date_field(o, "date", day, pick_precision(r));
	put_field(o, "relation", personal_relations[relation]);
	static const unsigned ex_endings[] = { 20, 40, 40 };
	static const unsigned close_endings[] = { 60, 28, 12 };
	if (relation == 0)
		put_field(o, "ending", endings[PICK(r, ex_endings)]);
	else if (chance(r, 60))
		put_field(o, "ending", endings[PICK(r, close_endings)]);
	putc_(o, '}');
}

/* Introduced by one of their own links half of the time, else by anyone
 * declared; never by themselves, never by me. */
static void write_introduced(out *o, const world *w, rng *r, uint32_t self,
	const uint32_t *links, uint32_t nlinks)
{
	uint32_t by;
	if (nlinks && chance(r, 50)) {
		by = links[below(r, nlinks)];
	} else {
		by = (uint32_t)below(r, w->graph.n);
		if (by == self)
			by = (by + 1) % w->graph.n;
	}
	int64_t day = pick_day(w, r);
	begin_event(o, "introduced");
	put_date_field(o, "date", day, pick_precision(r));
	put_key(o, "by");
	put_id(o, by + 1, w->width);
	if (chance(r, 50))
		put_field(o, "note", ANY(r, intro_notes));
	putc_(o, '}');
}

static void write_interview(out *o, rng *r, int64_t day, const char *status)
{
	begin_event(o, "interview");
	put_date_field(o, "date", day, FULL_DATE);
	put_field(o, "role", ANY(r, interview_roles));
	put_field(o, "status", status);
	putc_(o, '}');
}

/* One interview event, or two: an open status, then a later one. */
static int write_interviews(out *o, const world *w, rng *r, int room)
{
	int64_t day = pick_day(w, r);
	if (room >= 2 && day < w->last_day && chance(r, 30)) {
		write_interview(o, r, day, statuses[below(r, 3)]);
		putc_(o, ',');
		int64_t later = pick_day_after(w, r, day + 1);
		write_interview(o, r, later, statuses[PICK(r, status_weights)]);
		return 2;
	}
	write_interview(o, r, day, statuses[PICK(r, status_weights)]);
	return 1;
}

static void write_message(out *o, const world *w, rng *r)
{
	int64_t day = pick_day(w, r);
	begin_event(o, "message");
	put_date_field(o, "date", day, pick_precision(r));
	put_field(o, "direction", ANY(r, directions));
	putc_(o, '}');
}

static void write_invitation(out *o, const world *w, rng *r)
{
	begin_event(o, "invitation");
	put_date_field(o, "date", pick_day(w, r), FULL_DATE);
	put_field(o, "direction", ANY(r, directions));
	if (chance(r, 70))
		put_field(o, "message", ANY(r, invitation_messages));
	putc_(o, '}');
}

/* ,"events":[...] with 0 to 4 events (nothing at all for 0). */
static void write_events(out *o, world *w, rng *r, uint32_t self,
	const uint32_t *links, uint32_t nlinks)
{
	int count = (int)PICK(r, event_count_weights);
	if (count == 0)
		return;
	put_key(o, "events");
	putc_(o, '[');
	for (int written = 0; written < count; ) {
		if (written)
			putc_(o, ',');
		size_t type = PICK(r, event_weights);
		if (type == EV_INTRODUCED && w->graph.n < 2)
			type = EV_MET;         /* no one else to introduce them */
		switch (type) {
		case EV_MET: write_met(o, w, r); written++; break;
		case EV_WORKED: write_worked_together(o, w, r); written++; break;
		case EV_PERSONAL: write_personal(o, w, r); written++; break;
		case EV_INTRODUCED:
			write_introduced(o, w, r, self, links, nlinks);
			written++;
			break;
		case EV_INTERVIEW:
			written += write_interviews(o, w, r, count - written);
			break;
		case EV_MESSAGE: write_message(o, w, r); written++; break;
		default: write_invitation(o, w, r); written++; break;
		}
	}
	putc_(o, ']');
	w->events_written += (uint64_t)count;
}

/* Heavy-tailed: 250 * 2^20 / u for u uniform in 1..2^20, shifted to start
 * near 0; about 2.4% reach 10000, and the tail is capped at 5 million. */
static uint64_t pick_followers(rng *r)
{
	uint64_t u = 1 + below(r, 1u << 20);
	uint64_t f = (250u << 20) / u - 250 + below(r, 250);
	return f > 5000000 ? 5000000 - below(r, 1000000) : f;
}

static void write_connections(out *o, const world *w, const uint32_t *links,
	uint32_t n)
{
	if (n == 0)
		return;
	put_key(o, "connections");
	putc_(o, '[');
	for (uint32_t k = 0; k < n; k++) {
		if (k)
			putc_(o, ',');
		put_id(o, links[k] + 1, w->width);
	}
	putc_(o, ']');
}

/* One person, index i (id p<i+1>), as one JSON object on one line. */
static void write_person(out *o, world *w, uint32_t i)
{
	rng r = stream(w->opt->seed, STREAM_PERSON, i);
	uint32_t nlinks = draw_links(&w->graph, w->opt->seed, i);
	const uint32_t *links = w->graph.list;
	size_t seniority = PICK(&r, seniority_weights);
	const char *title = titles[seniority][below(&r, 3)];
	const char *company = ANY(&r, companies);

	puts_(o, "{\"id\":");
	put_id(o, i + 1, w->width);
	put_key(o, "name");
	putc_(o, '"');
	puts_(o, ANY(&r, first_names));
	putc_(o, ' ');
	puts_(o, ANY(&r, last_names));
	putc_(o, '"');
	put_key(o, "headline");
	putc_(o, '"');
	puts_(o, title);
	puts_(o, " at ");
	puts_(o, company);
	putc_(o, '"');
	put_field(o, "company", company);
	put_field(o, "title", title);
	put_field(o, "industry", industries[PICK(&r, industry_weights)]);
	if (chance(&r, 90))
		put_field(o, "location", ANY(&r, locations));
	put_field(o, "seniority", seniorities[seniority]);
	put_key(o, "followers");
	put_uint(o, pick_followers(&r));
	if (chance(&r, 2))
		puts_(o, ",\"influencer\":true");
	if (below(&r, 1000) < w->opt->connected_permille) {
		puts_(o, ",\"connected\":true");
		put_date_field(o, "connected_on", pick_day(w, &r), FULL_DATE);
		w->connected++;
	} else {
		puts_(o, ",\"connected\":false");
	}
	write_connections(o, w, links, nlinks);
	write_events(o, w, &r, i, links, nlinks);
	putc_(o, '}');
	w->links_written += nlinks;
}

static void write_me(out *o)
{
	puts_(o, "\"me\":{\"id\":\"me\",\"name\":\"Alex Kim\","
		"\"headline\":\"Senior Engineer at Nimbus Labs\","
		"\"industry\":\"Software\",\"title\":\"Senior Engineer\","
		"\"company\":\"Nimbus Labs\",\"location\":\"Berlin\"}");
}

static int digits(uint64_t n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* The whole network: a header, then one person a line. */
static int generate_network(out *o, const options *opt)
{
	world w;
	memset(&w, 0, sizeof(w));
	w.opt = opt;
	w.width = digits(opt->people);
	w.first_day = days_from_civil(2008, 1, 1);
	w.last_day = days_from_civil(2026, 11, 26);
	w.recent_day = days_from_civil(2023, 11, 27);
	if (graph_model_init(&w.graph, opt) < 0) {
		graph_model_free(&w.graph);
		fprintf(stderr, "advisor-gen: out of memory\n");
		return -1;
	}

	puts_(o, "{\"format\":\"advisor-network/1\",");
	write_me(o);
	puts_(o, opt->json ? ",\"people\":[\n" : "}\n");
	for (uint32_t i = 0; i < w.graph.n; i++) {
		write_person(o, &w, i);
		puts_(o, opt->json && i + 1 < w.graph.n ? ",\n" : "\n");
	}
	if (opt->json)
		puts_(o, "]}\n");

	fprintf(stderr, "advisor-gen: %u people (%llu connected), %llu links "
		"(target %llu), %llu events\n", w.graph.n,
		(unsigned long long)w.connected,
		(unsigned long long)w.links_written,
		(unsigned long long)w.graph.links,
		(unsigned long long)w.events_written);
	graph_model_free(&w.graph);
	return 0;
}

/* ------------------------------------------------------------------------
 * Requests.
 * ------------------------------------------------------------------------ */

static void write_request(out *o, const options *opt, rng *r, int width)
{
	puts_(o, "{\"person\":");
	put_id(o, (uint32_t)(1 + below(r, opt->people)), width);
	put_field(o, "direction", chance(r, 25) ? "incoming" : "outgoing");
	put_key(o, "intent");
	putc_(o, '[');
	size_t count = PICK(r, intent_count_weights), first = COUNT_OF(intents);
	for (size_t k = 0; k < count; k++) {
		size_t intent;
		do
			intent = PICK(r, intent_weights);
		while (intent == first);
		if (k)
			putc_(o, ',');
		put_str(o, intents[intent]);
		first = intent;
	}
	putc_(o, ']');
	put_field(o, "as_of", opt->as_of);
	puts_(o, "}\n");
}

static int generate_requests(out *o, const options *opt)
{
	rng r = stream(opt->seed, STREAM_REQUESTS, 0);
	int width = digits(opt->people);
	for (uint64_t k = 0; k < opt->count; k++)
		write_request(o, opt, &r, width);
	return 0;
}

/* ------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
	options opt;
	out o = { stdout, NULL, 0, 0 };
	int rc;

	if (parse_options(argc, argv, &opt) < 0)
		return 2;
	if (opt.output && !(o.f = fopen(opt.output, "wb"))) {
		fprintf(stderr, "advisor-gen: %s: %s\n", opt.output, strerror(errno));
		return 1;
	}
	if (!(o.buf = malloc(OUT_CAP))) {
		fprintf(stderr, "advisor-gen: out of memory\n");
		return 1;
	}
	rc = opt.command == CMD_NETWORK ? generate_network(&o, &opt)
		: generate_requests(&o, &opt);
	out_flush(&o);
	free(o.buf);
	if (fflush(o.f) != 0 || ferror(o.f))
		o.failed = 1;
	if (o.f != stdout && fclose(o.f) != 0)
		o.failed = 1;
	if (o.failed) {
		fprintf(stderr, "advisor-gen: %s: write error\n",
			opt.output ? opt.output : "stdout");
		return 1;
	}
	return rc < 0 ? 1 : 0;
}
