// small_alloc / small_free: the runtime's allocator for coroutine frames, Python objects
// (aio::Object) and the typed core's refcounted objects (handles, futures, tasks).
//
// Design: a task costs several small allocations (its coroutine frame, the coroutine and
// task objects, one handle per scheduled step, done callbacks), all freed in bursts when a
// gather finishes. glibc malloc spends 100-400 instructions per malloc/free pair on such
// bursts (bin consolidation); a size-class free list pops and pushes in a few. Size classes
// are 16 bytes wide up to 256 bytes and 64 bytes wide up to 2048 bytes; larger requests go
// to operator new. Blocks are carved from 64 KiB slabs (no per-block malloc header, which
// also shrinks idle objects) and are never returned to the system: memory stays reserved
// for the size class that used it, like CPython's object allocator keeps its pools.
//
// Thread model: free lists are per thread (no locking on the hot path); a block may be freed
// on another thread than the one that allocated it (slabs are never released, so that is
// safe). When a thread exits, its free lists go to a shared orphanage that other threads
// take over before carving new slabs.
//
// PoolAllocated gives a class (and everything derived from it) these operator new/delete;
// deletion through a virtual destructor passes the dynamic type's size, as the classes need.
#pragma once

#include <cstddef>

namespace aio {

void* small_alloc(std::size_t size);
void small_free(void* p, std::size_t size) noexcept;

struct PoolAllocated {
  static void* operator new(std::size_t size) { return small_alloc(size); }
  static void operator delete(void* p, std::size_t size) noexcept { small_free(p, size); }
};

}  // namespace aio
