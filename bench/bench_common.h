/*
 * bench_common.h - small helpers the benchmark programs share: a clock,
 * reading a whole file, and a deterministic random generator.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The whole file, NUL-terminated; NULL (with a message) on failure. */
static inline char *bench_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		perror(path);
		return NULL;
	}
	for (;;) {
		if (n + 65536 + 1 > cap) {
			size_t ncap = cap ? cap * 2 : 1 << 20;
			char *p = realloc(data, ncap);
			if (!p) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(data);
				fclose(f);
				return NULL;
			}
			data = p;
			cap = ncap;
		}
		size_t got = fread(data + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		perror(path);
		free(data);
		fclose(f);
		return NULL;
	}
	fclose(f);
	data[n] = '\0';
	*len = n;
	return data;
}

/* splitmix64 seeding a xorshift64*: deterministic on every platform. */
typedef struct bench_rng {
	uint64_t s;
} bench_rng;

static inline void bench_rng_seed(bench_rng *r, uint64_t seed)
{
	uint64_t z = seed + 0x9e3779b97f4a7c15u;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	r->s = (z ^ (z >> 31)) | 1;
}

static inline uint64_t bench_rng_next(bench_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [0, n), n > 0 (the bias of a 64-bit modulo is negligible). */
static inline uint64_t bench_rng_below(bench_rng *r, uint64_t n)
{
	return bench_rng_next(r) % n;
}

#endif
