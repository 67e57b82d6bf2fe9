// Turning generated C++ into an executable: finds the runtime (headers and the prebuilt
// static library libaio.a) and runs the system C++ compiler on one translation unit.
#pragma once

#include <string>
#include <vector>

namespace aioc::driver {

struct Toolchain {
  std::string cxx;             // compiler executable
  std::string include_dir;     // runtime/include
  std::string pch_dir;         // holds aio/python.hpp.gch; empty when not usable
  std::string runtime_library; // libaio.a
  std::vector<std::string> flags;  // -std=c++20, -O, warnings
};

// The toolchain for `cxx` (empty: $CXX, else g++) at optimisation level `opt_level`.
// $AIOC_RUNTIME_INCLUDE and $AIOC_RUNTIME_LIB override the built-in runtime paths;
// $AIOC_EXTRA_CXXFLAGS (space-separated) adds compiler flags.
Toolchain find_toolchain(const std::string& cxx, int opt_level);

// Compiles `cpp_path` to `exe_path`. Returns true on success; otherwise the compiler's
// output has been printed to stderr.
bool compile_cpp(const Toolchain& tc, const std::string& cpp_path, const std::string& exe_path);

// Runs argv[0] with argv and waits; returns its exit status (128+signal when killed).
int run_process(const std::vector<std::string>& argv);

}  // namespace aioc::driver
