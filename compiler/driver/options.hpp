// Command-line options of the aioc driver.
//
//   aioc run FILE.aio [args...]     compile (through the cache) and run
//   aioc build FILE.aio -o OUT      compile to an executable
//   aioc emit FILE.aio              print the generated C++
//   aioc check FILE.aio             diagnostics only
//   aioc ast FILE.aio               print the AST as CPython's ast.dump(indent=1) does
//
// Options (before FILE): --cxx PATH, -O0..-O3, --keep-cpp, --no-cache, -o OUT.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace aioc::driver {

enum class Command { Run, Build, Emit, Check, Ast, Help, Version };

struct Options {
  Command command = Command::Help;
  std::string input;                    // the .aio file
  std::vector<std::string> program_args;  // after FILE, for `run`
  std::string output;                   // -o, for `build`
  std::string cxx;                      // --cxx; empty means $CXX or g++
  int opt_level = 1;                    // -O0..-O3
  bool keep_cpp = false;                // --keep-cpp: keep the generated .cpp next to the binary
  bool use_cache = true;                // --no-cache disables the compiled-binary cache
};

// Parses argv; on a usage error prints a message to stderr and returns nullopt.
std::optional<Options> parse_options(int argc, char** argv);

void print_usage();

}  // namespace aioc::driver
