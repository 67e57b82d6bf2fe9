#include "driver/commands.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ast/ast_printer.hpp"
#include "codegen/codegen.hpp"
#include "driver/cache.hpp"
#include "driver/frontend.hpp"
#include "driver/toolchain.hpp"

namespace aioc::driver {

namespace fs = std::filesystem;

namespace {

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

// Compiles `cpp` into `exe` through a temporary name, so a concurrent reader of `exe`
// never sees a half-written file.
int compile_to(const Options& opts, const Toolchain& tc, const std::string& cpp,
               const std::string& exe) {
  std::string stem = fmt::format("{}.tmp{}", exe, getpid());
  std::string cpp_path = stem + ".cpp";
  if (!write_file(cpp_path, cpp)) {
    fmt::print(stderr, "aioc: error: cannot write '{}'\n", cpp_path);
    return kExitUsage;
  }
  bool ok = compile_cpp(tc, cpp_path, stem);
  if (ok) {
    std::error_code ec;
    fs::rename(stem, exe, ec);
    ok = !ec;
  }
  if (opts.keep_cpp || !ok) {
    std::error_code ec;
    fs::rename(cpp_path, exe + ".cpp", ec);
  } else {
    fs::remove(cpp_path);
  }
  if (!ok) {
    fmt::print(stderr,
               "aioc: internal error: the C++ generated for '{}' did not compile; this is a "
               "bug in aioc (the C++ is kept as '{}.cpp')\n",
               opts.input, exe);
    return kExitInternal;
  }
  return kExitOk;
}

// The executable for the program: from the cache when an identical build exists.
int ensure_executable(const Options& opts, const std::string& cpp, std::string& exe) {
  Toolchain tc = find_toolchain(opts.cxx, opts.opt_level);
  if (!opts.output.empty()) {
    exe = opts.output;
    return compile_to(opts, tc, cpp, exe);
  }
  ContentHash key;
  key.add(AIOC_VERSION);
  key.add(cpp);
  key.add(tc.cxx);
  for (const auto& flag : tc.flags) key.add(flag);
  key.add(tc.include_dir);
  key.add(tc.pch_dir);
  // Header-only changes to the runtime change the program without changing libaio.a.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(tc.include_dir + "/aio", ec))
    key.add(file_identity(entry.path().string()));
  key.add(file_identity(tc.runtime_library));
  std::string dir = opts.use_cache ? cache_directory() : fs::temp_directory_path().string();
  exe = fmt::format("{}/{}", dir, key.hex());
  if (opts.use_cache && access(exe.c_str(), X_OK) == 0) {
    touch_entry(exe);
    if (opts.keep_cpp) write_file(exe + ".cpp", cpp);
    return kExitOk;
  }
  if (opts.use_cache) prune_cache(dir);
  return compile_to(opts, tc, cpp, exe);
}

int exec_program(const Options& opts, const std::string& exe) {
  std::fflush(stdout);
  std::vector<std::string> argv = {opts.input};
  argv.insert(argv.end(), opts.program_args.begin(), opts.program_args.end());
  std::vector<char*> raw;
  for (auto& a : argv) raw.push_back(a.data());
  raw.push_back(nullptr);
  execv(exe.c_str(), raw.data());
  fmt::print(stderr, "aioc: error: cannot execute '{}'\n", exe);
  return kExitUsage;
}

}  // namespace

int run_command(const Options& opts) {
  auto text = read_file(opts.input);
  if (!text) return kExitUsage;
  bool analyze = opts.command != Command::Ast;
  FrontendResult front = run_frontend(opts.input, std::move(*text), analyze);
  if (!front.ok()) return kExitProgramError;

  switch (opts.command) {
    case Command::Ast:
      fmt::print("{}\n", ast::dump(*front.module));
      return kExitOk;
    case Command::Check:
      return kExitOk;
    default:
      break;
  }
  std::string cpp = codegen::emit_cpp(*front.module, *front.analysis);
  if (cpp.empty()) return kExitProgramError;  // codegen reported a diagnostic
  if (opts.command == Command::Emit) {
    fmt::print("{}", cpp);
    return kExitOk;
  }
  std::string exe;
  if (int status = ensure_executable(opts, cpp, exe); status != kExitOk) return status;
  if (opts.command == Command::Build) return kExitOk;
  int status = exec_program(opts, exe);
  return status;
}

}  // namespace aioc::driver
