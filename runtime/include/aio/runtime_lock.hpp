// The runtime lock: aioc's GIL (DESIGN.md "Threads").
//
// Design: generated code touches aio::Values whose refcounts are not atomic, so only one
// thread may run it at a time. Until a second thread needs to run Python code the lock is
// dormant (no thread holds it, every operation below is a thread-local check). The first
// `run_in_executor`/`to_thread` job enables it: the thread submitting it (the loop thread,
// running Python code) becomes the holder, and executor workers take it around each Python
// call. Blocking operations release it for their duration (ReleaseRuntimeLock): the loop's
// epoll wait, time.sleep, joining executor threads. There is no periodic switch interval
// (CPython's 5 ms): a thread keeps the lock until it blocks or finishes its job.
//
// Thread model: any thread. The typed C++ core never needs the lock; it only releases it
// around its own blocking calls so that Python workers can run meanwhile.
#pragma once

namespace aio {

// Makes the calling thread the holder if the lock is still dormant (idempotent).
void enable_runtime_lock();
bool runtime_lock_enabled() noexcept;
bool runtime_lock_held() noexcept;  // by the calling thread

// RAII: take the lock (blocking) unless this thread already holds it.
class AcquireRuntimeLock {
 public:
  AcquireRuntimeLock();
  ~AcquireRuntimeLock();
  AcquireRuntimeLock(const AcquireRuntimeLock&) = delete;
  AcquireRuntimeLock& operator=(const AcquireRuntimeLock&) = delete;

 private:
  bool taken_;
};

// RAII: if this thread holds the lock, release it now and take it back at scope exit.
class ReleaseRuntimeLock {
 public:
  ReleaseRuntimeLock() noexcept;
  ~ReleaseRuntimeLock();
  ReleaseRuntimeLock(const ReleaseRuntimeLock&) = delete;
  ReleaseRuntimeLock& operator=(const ReleaseRuntimeLock&) = delete;

 private:
  bool released_;
};

}  // namespace aio
