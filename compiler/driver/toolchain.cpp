#include "driver/toolchain.hpp"

#include <fmt/core.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

namespace aioc::driver {

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

}  // namespace

Toolchain find_toolchain(const std::string& cxx, int opt_level) {
  Toolchain tc;
  tc.cxx = cxx.empty() ? env_or("CXX", "g++") : cxx;
  tc.include_dir = env_or("AIOC_RUNTIME_INCLUDE", AIOC_RUNTIME_INCLUDE_DIR);
  tc.runtime_library = env_or("AIOC_RUNTIME_LIB", AIOC_RUNTIME_LIBRARY);
  // The PCH was built at -O1; GCC would silently skip it at other levels anyway.
  if (opt_level == 1) tc.pch_dir = env_or("AIOC_PCH_DIR", AIOC_PCH_DIR);
  // -s: tracebacks come from our own line tables, so symbols only cost disk (a stripped
  // program is ~1 MB instead of ~20 MB, which matters for a cache of a thousand programs).
  tc.flags = {"-std=c++20", fmt::format("-O{}", opt_level), "-g0", "-s", "-Wall", "-Wextra"};
  // $AIOC_EXTRA_CXXFLAGS: space-separated flags appended to the compile command (and so to
  // the cache key), e.g. "-fsanitize=address,undefined" with $AIOC_RUNTIME_LIB pointing at
  // a libaio.a built with the same sanitizers (scripts/stress).
  std::string extra = env_or("AIOC_EXTRA_CXXFLAGS", "");
  // Sanitizer reports (and their suppressions) need symbols: do not strip then.
  if (!extra.empty()) tc.flags = {"-std=c++20", fmt::format("-O{}", opt_level), "-g1", "-Wall", "-Wextra"};
  // The test suite sets AIOC_WERROR=1: generated code must compile without warnings.
  if (env_or("AIOC_WERROR", "0") == "1") tc.flags.push_back("-Werror");
  for (size_t pos = 0; pos < extra.size();) {
    size_t end = extra.find(' ', pos);
    if (end == std::string::npos) end = extra.size();
    if (end > pos) tc.flags.push_back(extra.substr(pos, end - pos));
    pos = end + 1;
  }
  return tc;
}

int run_process(const std::vector<std::string>& argv) {
  std::vector<char*> raw;
  for (const auto& a : argv) raw.push_back(const_cast<char*>(a.c_str()));
  raw.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    execvp(raw[0], raw.data());
    fmt::print(stderr, "aioc: error: cannot execute '{}'\n", argv[0]);
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

bool compile_cpp(const Toolchain& tc, const std::string& cpp_path, const std::string& exe_path) {
  std::vector<std::string> argv = {tc.cxx};
  argv.insert(argv.end(), tc.flags.begin(), tc.flags.end());
  if (!tc.pch_dir.empty()) argv.insert(argv.end(), {"-I", tc.pch_dir});
  argv.insert(argv.end(), {"-I", tc.include_dir, cpp_path, "-o", exe_path, tc.runtime_library,
                           "-lfmt", "-pthread"});
  return run_process(argv) == 0;
}

}  // namespace aioc::driver
