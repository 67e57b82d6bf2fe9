// Shared by the stress programs: the size from argv[1] (else a default sized for a
// sanitizer build on 2 cores) and a check that fails the run with a message.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace stress {

inline long arg_or(int argc, char** argv, int i, long fallback) {
  return argc > i ? std::atol(argv[i]) : fallback;
}

#define STRESS_CHECK(cond)                                                  \
  do {                                                                      \
    if (!(cond)) {                                                          \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::exit(1);                                                         \
    }                                                                       \
  } while (0)

}  // namespace stress
