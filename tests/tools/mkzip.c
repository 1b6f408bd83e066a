/*
 * mkzip.c - zip the files of a folder (not recursive) the way LinkedIn
 * delivers an export, for the import tests: mkzip OUT.zip DIR [ENTRY=FILE
 * ...], the extra arguments adding FILE under the name ENTRY (which may
 * hold folders: "Export/Connections.csv").
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

int main(int argc, char **argv)
{
	int code;
	zip_t *z;
	DIR *d;
	struct dirent *de;
	char path[4096];

	if (argc < 3) {
		fprintf(stderr, "usage: mkzip OUT.zip DIR [ENTRY=FILE ...]\n");
		return 2;
	}
	if (!(z = zip_open(argv[1], ZIP_CREATE | ZIP_TRUNCATE, &code)) ||
	    !(d = opendir(argv[2]))) {
		fprintf(stderr, "mkzip: cannot open %s or %s\n", argv[1], argv[2]);
		return 1;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[2], de->d_name);
		zip_source_t *src = zip_source_file(z, path, 0, -1);
		if (!src || zip_file_add(z, de->d_name, src, ZIP_FL_ENC_UTF_8) < 0) {
			fprintf(stderr, "mkzip: %s: %s\n", path, zip_strerror(z));
			zip_source_free(src);
			return 1;
		}
	}
	closedir(d);
	for (int i = 3; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq) {
			fprintf(stderr, "mkzip: %s: expected ENTRY=FILE\n", argv[i]);
			return 2;
		}
		*eq = '\0';
		zip_source_t *src = zip_source_file(z, eq + 1, 0, -1);
		if (!src || zip_file_add(z, argv[i], src, ZIP_FL_ENC_UTF_8) < 0) {
			fprintf(stderr, "mkzip: %s: %s\n", eq + 1, zip_strerror(z));
			zip_source_free(src);
			return 1;
		}
	}
	if (zip_close(z) < 0) {
		fprintf(stderr, "mkzip: %s: %s\n", argv[1], zip_strerror(z));
		return 1;
	}
	return 0;
}
