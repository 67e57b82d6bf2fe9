// The compiled-program cache: a second `aioc run` of an unchanged program skips the C++
// compile. Entries are keyed by a content hash of everything that determines the binary
// (the generated C++, the compiler and its flags, the aioc version and the runtime library
// it links), stored as `<cache dir>/<hash>` executables, and written atomically (build to a
// temporary name, then rename) so concurrent runs never see half-written files.
#pragma once

#include <string>
#include <string_view>

namespace aioc::driver {

// A 128-bit FNV-1a digest, printed as 32 hex digits. Not cryptographic: it keys a cache of
// our own outputs, where only accidental collisions matter.
class ContentHash {
 public:
  void add(std::string_view bytes);
  std::string hex() const;

 private:
  unsigned __int128 state_ = (static_cast<unsigned __int128>(0x6c62272e07bb0142ULL) << 64) |
                             0x62b821756295c58dULL;
};

// $AIOC_CACHE_DIR, else $XDG_CACHE_HOME/aioc, else $HOME/.cache/aioc; created on demand.
std::string cache_directory();

// Marks a cache entry as just used, so pruning keeps it (least recently used goes first).
void touch_entry(const std::string& path);

// Keeps the cache directory under $AIOC_CACHE_MAX_MB megabytes (default 2048): when it is
// larger, deletes the least recently used entries until it is down to three quarters.
void prune_cache(const std::string& dir);

// Identity of a file for cache keys: its path, size and modification time.
std::string file_identity(const std::string& path);

}  // namespace aioc::driver
