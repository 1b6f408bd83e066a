/*
 * worker.c - the engine in a child process under OS limits.
 *
 * The parent loads the policy into an engine it never advises with, then
 * forks: the child inherits that pristine engine and the network
 * copy-on-write, so a replacement worker costs a fork, not a policy load,
 * and no request can leave state behind for a later worker.  Parent and
 * child talk over a Unix socket pair (MSG_NOSIGNAL: a dead peer is EPIPE,
 * never SIGPIPE, with no signal disposition changed).
 *
 * Frames: the parent sends [u32 length][request]; the child answers
 * [i32 code][u32 flags][u32 length][bytes], the bytes being the result JSON
 * when the code is ADVISOR_OK and the error message otherwise; flag
 * BYE says the child exits after this answer.  Integers are in the
 * host's byte order: both ends are the same program.
 */
#include "engine/engine.h"
#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define DEFAULT_ADDRESS_SPACE ((size_t)1 << 30)
/* The wall-clock default's margin over the engine's own limit. */
#define GRACE_MS 1000ULL
#define BYE 1u

struct advisor_worker {
	advisor_engine *engine; /* pristine: only ever used by children */
	const advisor_network *net;
	size_t address_space;   /* bytes beyond the mapping at fork */
	uint64_t cpu_seconds;
	uint64_t time_limit_ms;
	pid_t pid;              /* 0: none running */
	int fd;                 /* the parent's end; -1 with pid 0 */
};

/* ---- I/O on the socket ------------------------------------------------ */

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Send all of buf; with deadline (ms on the monotonic clock; 0 for none)
 * wait no longer than it.  0, -1 (peer gone or error), -2 (deadline). */
static int send_all(int fd, const void *buf, size_t len, uint64_t deadline)
{
	const char *p = buf;
	while (len) {
		if (deadline) {
			uint64_t now = now_ms();
			if (now >= deadline)
				return -2;
			struct pollfd pfd = { fd, POLLOUT, 0 };
			int n = poll(&pfd, 1, (int)(deadline - now > 60000 ? 60000 : deadline - now));
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				return -1;
			if (n == 0)
				continue;
		}
		ssize_t w = send(fd, p, len, MSG_NOSIGNAL | (deadline ? MSG_DONTWAIT : 0));
		if (w < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Receive exactly len bytes, as send_all.  -1 also for end of file. */
static int recv_all(int fd, void *buf, size_t len, uint64_t deadline)
{
	char *p = buf;
	while (len) {
		if (deadline) {
			uint64_t now = now_ms();
			if (now >= deadline)
				return -2;
			struct pollfd pfd = { fd, POLLIN, 0 };
			int n = poll(&pfd, 1, (int)(deadline - now > 60000 ? 60000 : deadline - now));
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				return -1;
			if (n == 0)
				continue;
		}
		ssize_t r = recv(fd, p, len, deadline ? MSG_DONTWAIT : 0);
		if (r < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
			continue;
		if (r <= 0)
			return -1;
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

/* Send head and body as one message when the socket takes it (one
 * buffer for the peer, not two); the rest as send_all() does.  With
 * try_only, nothing is sent (returns 1) if the socket would block at once. */
static int send_two(int fd, const void *head, size_t hlen, const char *body,
	size_t blen, uint64_t deadline, int try_only)
{
	struct iovec iov[2] = { { (void *)head, hlen }, { (void *)body, blen } };
	struct msghdr msg;
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = iov;
	msg.msg_iovlen = blen ? 2 : 1;
	ssize_t w;
	do
		w = sendmsg(fd, &msg, MSG_NOSIGNAL | (deadline || try_only ? MSG_DONTWAIT : 0));
	while (w < 0 && errno == EINTR);
	if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		w = 0;
	if (w < 0)
		return -1;
	if (w == 0 && try_only)
		return 1;
	size_t done = (size_t)w;
	if (done < hlen) {
		if (send_all(fd, (const char *)head + done, hlen - done, deadline) < 0)
			return -1;
		done = hlen;
	}
	return send_all(fd, body + (done - hlen), blen - (done - hlen), deadline);
}

/* ---- the child -------------------------------------------------------- */

/* The bytes mapped now (Linux: /proc/self/statm); 0 if unknown. */
static size_t mapped_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "re");
	unsigned long pages = 0;
	if (!f)
		return 0;
	if (fscanf(f, "%lu", &pages) != 1)
		pages = 0;
	fclose(f);
	long page = sysconf(_SC_PAGESIZE);
	return page > 0 ? (size_t)pages * (size_t)page : 0;
}

static int answer(int fd, int32_t code, uint32_t flags, const char *bytes,
	size_t len)
{
	uint32_t n = (uint32_t)len;
	char head[12];
	memcpy(head, &code, 4);
	memcpy(head + 4, &flags, 4);
	memcpy(head + 8, &n, 4);
	return send_two(fd, head, sizeof(head), bytes, len, 0, 0) < 0 ? -1 : 0;
}

/* The child's life: limits, then requests until the parent hangs up. */
static void child_main(advisor_worker *w, int fd, size_t base)
{
	struct rlimit rl;
	/* No core files from a worker the limits kill. */
	rl.rlim_cur = rl.rlim_max = 0;
	setrlimit(RLIMIT_CORE, &rl);
	if (base) {
		rl.rlim_cur = rl.rlim_max = w->address_space > (size_t)-1 - base
			? RLIM_INFINITY : base + w->address_space;
		if (setrlimit(RLIMIT_AS, &rl) != 0)
			_exit(120);
	}
	char *buf = NULL;
	size_t cap = 0;
	for (;;) {
		uint32_t len;
		if (recv_all(fd, &len, 4, 0) < 0)
			break;
		if (len + 1u > cap) {
			free(buf);
			cap = (size_t)len + 1;
			if (!(buf = malloc(cap)))
				_exit(121);
		}
		if (recv_all(fd, buf, len, 0) < 0)
			break;
		/* RLIMIT_CPU counts the process's whole life: the soft limit
		 * moves to this request's share. */
		struct rusage ru;
		if (getrusage(RUSAGE_SELF, &ru) == 0 && getrlimit(RLIMIT_CPU, &rl) == 0) {
			rlim_t used = (rlim_t)ru.ru_utime.tv_sec + (rlim_t)ru.ru_stime.tv_sec + 1;
			rlim_t want = used + (rlim_t)w->cpu_seconds;
			if (rl.rlim_max == RLIM_INFINITY || want <= rl.rlim_max) {
				rl.rlim_cur = want;
				setrlimit(RLIMIT_CPU, &rl);
			}
		}
		char *out = NULL;
		advisor_error err;
		int rc = advisor_advise_json(&out, w->engine, w->net, buf, len, &err);
		int sent;
		if (rc == ADVISOR_OK) {
			sent = answer(fd, rc, 0, out, strlen(out));
		} else if (rc == ADVISOR_ENOMEM || (rc == ADVISOR_ELIMIT &&
			   w->engine->vm.mem_limit >= w->address_space &&
			   strstr(err.message, "memory limit exceeded"))) {
			/* Out of the address space (with a Lua cap above it,
			 * the cap's failure is the address space's): this
			 * heap is not to be trusted with the next request. */
			char msg[200];
			snprintf(msg, sizeof(msg),
				"the policy's worker ran out of its address space (%zu MiB over the network)",
				w->address_space >> 20);
			answer(fd, ADVISOR_ELIMIT, BYE, msg, strlen(msg));
			_exit(0);
		} else {
			sent = answer(fd, rc, 0, err.message, strlen(err.message));
		}
		free(out);
		if (sent < 0)
			break;
	}
	_exit(0);
}

/* ---- the parent ------------------------------------------------------- */

static int start(advisor_worker *w, advisor_error *err)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return adv_error_set(err, ADVISOR_EIO,
			"starting the policy's worker: socketpair: %s", strerror(errno));
	size_t base = mapped_bytes();
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(sv[0]);
		close(sv[1]);
		return adv_error_set(err, ADVISOR_EIO,
			"starting the policy's worker: fork: %s", strerror(e));
	}
	if (pid == 0) {
		close(sv[0]);
#ifdef __linux__
		/* A worker spinning when its parent dies must not outlive it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(0);
#endif
		child_main(w, sv[1], base);
	}
	close(sv[1]);
	w->pid = pid;
	w->fd = sv[0];
	return ADVISOR_OK;
}

/* Reap the worker (after killing it, if it is not dead already); describe
 * how it ended into err as ADVISOR_ELIMIT.  timed_out: the watchdog's. */
static int reap(advisor_worker *w, int timed_out, advisor_error *err)
{
	int status = 0;
	if (timed_out)
		kill(w->pid, SIGKILL);
	close(w->fd);
	w->fd = -1;
	pid_t r;
	/* A worker that hung up is dying: its exit status says why.  One
	 * that hung up and lingers is killed after a second. */
	for (int tries = 0;; tries++) {
		r = waitpid(w->pid, &status, timed_out ? 0 : WNOHANG);
		if (r < 0 && errno == EINTR)
			continue;
		if (r != 0 || tries == 1000)
			break;
		struct timespec ms = { 0, 1000000 };
		nanosleep(&ms, NULL);
	}
	if (r == 0) {
		kill(w->pid, SIGKILL);
		while ((r = waitpid(w->pid, &status, 0)) < 0 && errno == EINTR)
			;
	}
	w->pid = 0;
	if (timed_out)
		return adv_error_set(err, ADVISOR_ELIMIT,
			"the policy's worker was killed: over the time limit of %" PRIu64 " ms",
			w->time_limit_ms);
	if (r > 0 && WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		if (sig == SIGXCPU)
			return adv_error_set(err, ADVISOR_ELIMIT,
				"the policy's worker was killed: over the CPU time limit of %" PRIu64 " s",
				w->cpu_seconds);
		return adv_error_set(err, ADVISOR_ELIMIT,
			"the policy's worker was killed by signal %d (%s)", sig, strsignal(sig));
	}
	if (r > 0 && WIFEXITED(status))
		return adv_error_set(err, ADVISOR_ELIMIT,
			"the policy's worker stopped (exit status %d)", WEXITSTATUS(status));
	return adv_error_set(err, ADVISOR_ELIMIT, "the policy's worker stopped");
}

int advisor_worker_new(advisor_worker **out, const advisor_network *net,
	const advisor_engine_options *engine_opts, const advisor_worker_options *opts,
	advisor_error *err)
{
	advisor_worker_options defaults = ADVISOR_WORKER_OPTIONS_INIT;
	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_worker_new: out is NULL");
	*out = NULL;
	if (!net)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_worker_new: net is NULL");
	if (!opts)
		opts = &defaults;
	int vrc = adv_check_version(err, "advisor_worker_options", opts->version,
		ADVISOR_WORKER_OPTIONS_VERSION);
	if (vrc < 0)
		return vrc;
	advisor_worker *w = calloc(1, sizeof(*w));
	if (!w)
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	w->fd = -1;
	int rc = advisor_engine_new(&w->engine, engine_opts, err);
	if (rc != ADVISOR_OK) {
		free(w);
		return rc;
	}
	w->net = net;
	/* A Lua cap raised past the default space would otherwise be met by
	 * the OS limit first, with its vaguer message: twice the cap leaves
	 * room for the allocator's slack and the library's own copies. */
	size_t mem = w->engine->vm.mem_limit;
	w->address_space = opts->address_space_limit ? opts->address_space_limit
		: mem > DEFAULT_ADDRESS_SPACE / 2 && mem <= SIZE_MAX / 2 ? 2 * mem
		: mem > SIZE_MAX / 2 ? SIZE_MAX : DEFAULT_ADDRESS_SPACE;
	uint64_t engine_ms = w->engine->vm.time_limit_ns / 1000000u;
	w->time_limit_ms = opts->time_limit_ms ? opts->time_limit_ms
		: (engine_ms < UINT64_MAX - GRACE_MS ? engine_ms + GRACE_MS : engine_ms);
	if (w->time_limit_ms > (uint64_t)INT32_MAX * 1000u)
		w->time_limit_ms = (uint64_t)INT32_MAX * 1000u;
	w->cpu_seconds = opts->cpu_seconds ? opts->cpu_seconds
		: (w->time_limit_ms + 999) / 1000 + 1;
	if ((rc = start(w, err)) != ADVISOR_OK) {
		advisor_worker_free(w);
		return rc;
	}
	*out = w;
	return ADVISOR_OK;
}

/* Requests in flight at once: less than a socket's buffer, so that sending
 * them never waits on the worker writing answers nobody reads yet. */
#define WINDOW (48u << 10)
#define WINDOW_REQUESTS 32

/* Send a request: 0, 1 (try_only and the socket is full), or the failure
 * of send_all(). */
static int send_request(advisor_worker *w, const char *request, size_t len,
	uint64_t deadline, int try_only)
{
	uint32_t n = (uint32_t)len;
	return send_two(w->fd, &n, 4, request, len, deadline, try_only);
}

/* Receive one answer into *out / err; returns its code.  A failure of the
 * stream reaps the worker and is the request's ADVISOR_ELIMIT. */
static int recv_answer(advisor_worker *w, char **out, uint64_t deadline,
	advisor_error *err)
{
	char head[12];
	int io = recv_all(w->fd, head, sizeof(head), deadline);
	if (io < 0)
		return reap(w, io == -2, err);
	int32_t code;
	uint32_t flags, blen;
	memcpy(&code, head, 4);
	memcpy(&flags, head + 4, 4);
	memcpy(&blen, head + 8, 4);
	char *bytes = malloc((size_t)blen + 1);
	if (!bytes) {
		/* The answer cannot be drained: this worker's stream is lost. */
		reap(w, 1, err);
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	}
	if ((io = recv_all(w->fd, bytes, blen, deadline)) < 0) {
		free(bytes);
		return reap(w, io == -2, err);
	}
	bytes[blen] = '\0';
	if (flags & BYE) {
		advisor_error ignored;
		reap(w, 1, &ignored);
	}
	if (code == ADVISOR_OK) {
		*out = bytes;
		return ADVISOR_OK;
	}
	int rc = adv_error_set(err, code, "%s", bytes);
	free(bytes);
	return rc;
}

int advisor_worker_advise_json_many(char **outs, int *codes, advisor_error *errs,
	advisor_worker *w, const char *const *requests, const size_t *lens,
	size_t n, advisor_error *err)
{
	adv_error_clear(err);
	if (n && (!outs || !codes || !requests || !lens))
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_worker_advise_json_many: outs, codes, requests or lens is NULL");
	if (!w)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_worker_advise_json_many: worker is NULL");
	for (size_t k = 0; k < n; k++) {
		outs[k] = NULL;
		if (errs)
			adv_error_clear(&errs[k]);
	}
	for (size_t k = 0; k < n; k++) {
		advisor_error *e = errs ? &errs[k] : NULL;
		codes[k] = ADVISOR_OK;
		if (!requests[k] && lens[k])
			codes[k] = adv_error_set(e, ADVISOR_EINVAL,
				"advisor_worker_advise_json: request is NULL");
		else if (lens[k] > UINT32_MAX - 1u)
			codes[k] = adv_error_set(e, ADVISOR_EINVAL,
				"request: %zu bytes is more than a worker takes (%" PRIu32 ")",
				lens[k], UINT32_MAX - 1u);
	}
	if (w->pid) {
		/* An idle worker never speaks first: readable or hung up means
		 * it died between requests (killed from outside, say), which is
		 * no fault of the next request. */
		struct pollfd pfd = { w->fd, POLLIN, 0 };
		if (poll(&pfd, 1, 0) != 0) {
			advisor_error ignored;
			reap(w, 1, &ignored);
		}
	}
	size_t next = 0, sent = 0, inflight = 0, queued = 0;
	while (next < n) {
		if (codes[next] != ADVISOR_OK) {
			/* Refused above, never sent (codes past next are not
			 * written until they are answered). */
			next++;
			if (sent < next)
				sent = next;
			continue;
		}
		if (!w->pid) {
			advisor_error se;
			int rc = start(w, &se);
			if (rc != ADVISOR_OK) {
				for (; next < n; next++) {
					codes[next] = rc;
					if (errs)
						errs[next] = se;
				}
				if (err)
					*err = se;
				return rc;
			}
			sent = next;
			inflight = queued = 0;
		}
		uint64_t deadline = now_ms() + w->time_limit_ms;
		/* Fill the window (always at least the request answered next). */
		int lost = 0;
		while (sent < n && (sent == next || (queued < WINDOW_REQUESTS &&
					inflight + 4 + lens[sent] <= WINDOW))) {
			if (codes[sent] != ADVISOR_OK) {
				if (sent == next)
					break;
				/* Refused: not sent, skipped when answered. */
				sent++;
				continue;
			}
			int io = send_request(w, requests[sent], lens[sent], deadline,
				sent != next);
			if (io == 1)
				break; /* full: the answers are read first */
			if (io < 0) {
				/* Dead or stuck on an earlier request; what it
				 * says when read decides. */
				lost = 1;
				break;
			}
			inflight += 4 + lens[sent];
			queued++;
			sent++;
		}
		advisor_error *e = errs ? &errs[next] : NULL;
		advisor_error local;
		if (!e)
			e = &local;
		if (lost && sent == next) {
			codes[next] = reap(w, 0, e);
		} else {
			codes[next] = recv_answer(w, &outs[next], deadline, e);
			inflight -= 4 + lens[next];
			queued--;
		}
		next++;
		if (!w->pid)
			sent = next; /* the rest go to a fresh worker */
	}
	return ADVISOR_OK;
}

int advisor_worker_advise_json(char **out, advisor_worker *w,
	const char *request, size_t len, advisor_error *err)
{
	advisor_error local;
	int code;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_worker_advise_json: out is NULL");
	*out = NULL;
	if (!w)
		return adv_error_set(err, ADVISOR_EINVAL, "advisor_worker_advise_json: worker is NULL");
	int rc = advisor_worker_advise_json_many(out, &code, &local, w, &request,
		&len, 1, err);
	if (rc != ADVISOR_OK)
		return rc;
	if (err)
		*err = local;
	return code;
}

long advisor_worker_pid(const advisor_worker *w)
{
	return w ? (long)w->pid : 0;
}

void advisor_worker_free(advisor_worker *w)
{
	if (!w)
		return;
	if (w->pid) {
		kill(w->pid, SIGKILL);
		close(w->fd);
		while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	advisor_engine_free(w->engine);
	free(w);
}

void advisor_worker_options_init(advisor_worker_options *opts)
{
	static const advisor_worker_options init = ADVISOR_WORKER_OPTIONS_INIT;

	if (opts)
		*opts = init;
}
