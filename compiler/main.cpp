// aioc: the command-line interface. See driver/options.hpp for the commands.
#include <fmt/core.h>

#include "driver/commands.hpp"
#include "driver/options.hpp"

int main(int argc, char** argv) {
  auto opts = aioc::driver::parse_options(argc, argv);
  if (!opts) return aioc::driver::kExitUsage;
  switch (opts->command) {
    case aioc::driver::Command::Help:
      aioc::driver::print_usage();
      return aioc::driver::kExitOk;
    case aioc::driver::Command::Version:
      fmt::print("aioc {}\n", AIOC_VERSION_STRING);
      return aioc::driver::kExitOk;
    default:
      return aioc::driver::run_command(*opts);
  }
}
