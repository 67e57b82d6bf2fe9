#include "driver/cache.hpp"

#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <vector>

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

void touch_entry(const std::string& path) {
  std::error_code ec;
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ec);
}

void prune_cache(const std::string& dir) {
  namespace fs = std::filesystem;
  std::uintmax_t limit_mb = 2048;
  if (const char* env = std::getenv("AIOC_CACHE_MAX_MB"); env && *env)
    limit_mb = std::strtoull(env, nullptr, 10);
  const std::uintmax_t limit = limit_mb << 20;

  struct Entry {
    fs::path path;
    fs::file_time_type used;
    std::uintmax_t size;
  };
  std::vector<Entry> entries;
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(dir, ec)) {
    std::error_code item_ec;
    if (!item.is_regular_file(item_ec)) continue;
    Entry e{item.path(), item.last_write_time(item_ec), item.file_size(item_ec)};
    if (item_ec) continue;
    total += e.size;
    entries.push_back(std::move(e));
  }
  if (total <= limit) return;
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const auto& e : entries) {
    if (total <= limit / 4 * 3) break;
    // Another aioc may have removed it already, or be executing it (unlinking is safe).
    if (fs::remove(e.path, ec)) total -= e.size;
  }
}

std::string file_identity(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return path + ":missing";
  return fmt::format("{}:{}:{}.{}", path, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

}  // namespace aioc::driver
