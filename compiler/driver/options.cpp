#include "driver/options.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <cstring>
#include <map>

namespace aioc::driver {

namespace {

const std::map<std::string, Command> kCommands = {
    {"run", Command::Run},     {"build", Command::Build}, {"emit", Command::Emit},
    {"check", Command::Check}, {"ast", Command::Ast},     {"help", Command::Help},
    {"--help", Command::Help}, {"-h", Command::Help},     {"--version", Command::Version},
};

std::optional<Options> usage_error(const std::string& message) {
  fmt::print(stderr, "aioc: error: {}\n", message);
  fmt::print(stderr, "run 'aioc help' for usage\n");
  return std::nullopt;
}

}  // namespace

void print_usage() {
  fmt::print(
      "usage: aioc COMMAND [options] FILE.aio [args...]\n"
      "\n"
      "commands:\n"
      "  run FILE [args...]   compile (cached) and run the program\n"
      "  build FILE -o OUT    compile to the executable OUT\n"
      "  emit FILE            print the generated C++\n"
      "  check FILE           report diagnostics only\n"
      "  ast FILE             print the AST (as CPython's ast.dump(..., indent=1))\n"
      "\n"
      "options:\n"
      "  --cxx PATH           C++ compiler to use (default: $CXX, else g++)\n"
      "  -O0 .. -O3           optimisation level of the generated C++ (default -O1)\n"
      "  --keep-cpp           keep the generated .cpp beside the executable\n"
      "  --no-cache           do not reuse or store compiled programs\n"
      "  -o OUT               output path for build\n");
}

std::optional<Options> parse_options(int argc, char** argv) {
  Options opts;
  if (argc < 2) return opts;  // Help
  auto command = kCommands.find(argv[1]);
  if (command == kCommands.end()) return usage_error(fmt::format("unknown command '{}'", argv[1]));
  opts.command = command->second;
  if (opts.command == Command::Help || opts.command == Command::Version) return opts;

  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (!opts.input.empty()) {
      // Everything after FILE belongs to the program (run) — except -o for build.
      if (opts.command == Command::Build && arg == "-o" && i + 1 < argc) {
        opts.output = argv[++i];
        continue;
      }
      if (opts.command != Command::Run) return usage_error(fmt::format("unexpected argument '{}'", arg));
      opts.program_args.push_back(arg);
      continue;
    }
    if (arg == "--cxx") {
      if (i + 1 >= argc) return usage_error("--cxx needs a path");
      opts.cxx = argv[++i];
    } else if (arg == "-o") {
      if (i + 1 >= argc) return usage_error("-o needs a path");
      opts.output = argv[++i];
    } else if (arg.size() == 3 && arg[0] == '-' && arg[1] == 'O' && arg[2] >= '0' && arg[2] <= '3') {
      opts.opt_level = arg[2] - '0';
    } else if (arg == "--keep-cpp") {
      opts.keep_cpp = true;
    } else if (arg == "--no-cache") {
      opts.use_cache = false;
    } else if (arg.size() > 1 && arg[0] == '-') {
      return usage_error(fmt::format("unknown option '{}'", arg));
    } else {
      opts.input = arg;
    }
  }
  if (opts.input.empty()) return usage_error("no input file");
  if (opts.command == Command::Build && opts.output.empty())
    return usage_error("build needs -o OUT");
  return opts;
}

}  // namespace aioc::driver
