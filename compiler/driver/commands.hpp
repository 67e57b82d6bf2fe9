// The aioc commands (run, build, emit, check, ast). Exit statuses: 0 success, 1 errors in
// the program (or the program's own status for `run`), 2 usage or I/O errors, 3 an internal
// error (generated C++ that does not compile: always a bug in aioc).
#pragma once

#include "driver/options.hpp"

namespace aioc::driver {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProgramError = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;

int run_command(const Options& opts);

}  // namespace aioc::driver
