// The runtime lock (runtime_lock.hpp): one mutex, a process-wide "enabled" flag and a
// per-thread "held" flag.
#include "aio/runtime_lock.hpp"

#include <atomic>
#include <mutex>

namespace aio {
namespace {

std::mutex g_lock;
std::atomic<bool> g_enabled{false};
thread_local bool t_held = false;

}  // namespace

void enable_runtime_lock() {
  if (g_enabled.load(std::memory_order_acquire)) return;
  g_lock.lock();
  t_held = true;
  g_enabled.store(true, std::memory_order_release);
}

bool runtime_lock_enabled() noexcept { return g_enabled.load(std::memory_order_acquire); }
bool runtime_lock_held() noexcept { return t_held; }

AcquireRuntimeLock::AcquireRuntimeLock() : taken_(!t_held) {
  if (!taken_) return;
  g_lock.lock();
  t_held = true;
}

AcquireRuntimeLock::~AcquireRuntimeLock() {
  if (!taken_) return;
  t_held = false;
  g_lock.unlock();
}

ReleaseRuntimeLock::ReleaseRuntimeLock() noexcept : released_(t_held) {
  if (!released_) return;
  t_held = false;
  g_lock.unlock();
}

ReleaseRuntimeLock::~ReleaseRuntimeLock() {
  if (!released_) return;
  g_lock.lock();
  t_held = true;
}

}  // namespace aio
