#include "driver/cache.hpp"

#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace aioc::driver {

void ContentHash::add(std::string_view bytes) {
  const unsigned __int128 prime = (static_cast<unsigned __int128>(0x0000000001000000ULL) << 64) |
                                  0x000000000000013BULL;
  for (unsigned char c : bytes) {
    state_ ^= c;
    state_ *= prime;
  }
  // A separator so ("ab","c") and ("a","bc") hash differently.
  state_ ^= 0xff;
  state_ *= prime;
}

std::string ContentHash::hex() const {
  return fmt::format("{:016x}{:016x}", static_cast<unsigned long long>(state_ >> 64),
                     static_cast<unsigned long long>(state_));
}

std::string cache_directory() {
  std::string dir;
  if (const char* env = std::getenv("AIOC_CACHE_DIR"); env && *env) {
    dir = env;
  } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    dir = std::string(xdg) + "/aioc";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = std::string(home) + "/.cache/aioc";
  } else {
    dir = fmt::format("/tmp/aioc-cache-{}", getuid());
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir;
}

std::string file_identity(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return path + ":missing";
  return fmt::format("{}:{}:{}.{}", path, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

}  // namespace aioc::driver
