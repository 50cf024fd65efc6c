/* The unit tests' check macro: counts passes and failures, prints each
 * failure with its place and a message. Each test's main() returns
 * nfail != 0 after printing the counts. */
#ifndef CW_TESTS_CHECK_H
#define CW_TESTS_CHECK_H
#include <stdio.h>

static int npass, nfail;

#define CHECK(cond, ...)                                                     \
  do {                                                                       \
    if (cond) {                                                              \
      npass++;                                                               \
    } else {                                                                 \
      nfail++;                                                               \
      printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                 \
      printf(__VA_ARGS__);                                                   \
      printf("\n");                                                          \
    }                                                                        \
  } while (0)

#endif
