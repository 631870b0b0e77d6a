/* What the C99 test programs share: CHECK, reading a file, and comparing
 * output with a file (a golden). Header only; each program includes it once. */
#ifndef DPA_TESTS_C_CHECK_H
#define DPA_TESTS_C_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static int checks = 0;
#define CHECK(cond)                                                             \
  do {                                                                          \
    ++checks;                                                                   \
    if (!(cond)) {                                                              \
      ++failures;                                                               \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
    }                                                                           \
  } while (0)

/* The file's bytes, NUL-terminated (free them), and their number in *len when len is not NULL. */
static inline char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *data;
  long size;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  data = (char *)malloc((size_t)size + 1);
  if (data && fread(data, 1, (size_t)size, f) != (size_t)size) {
    free(data);
    data = NULL;
  }
  fclose(f);
  if (data) {
    data[size] = '\0';
    if (len) *len = (size_t)size;
  }
  return data;
}

/* 1 if `text` is the whole of the file at `path` (`whole`), or within it; says why not. */
static inline int matches_file(const char *path, const char *text, int whole) {
  char *expected = read_all(path, NULL);
  int ok;
  if (!expected) {
    fprintf(stderr, "cannot read %s\n", path);
    return 0;
  }
  ok = text && (whole ? strcmp(expected, text) == 0 : strstr(expected, text) != NULL);
  if (!ok && whole) fprintf(stderr, "output differs from %s\n", path);
  if (!ok && !whole) fprintf(stderr, "output not in %s:\n%s\n", path, text ? text : "(null)");
  free(expected);
  return ok;
}

#endif
