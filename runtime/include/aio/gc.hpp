// The cycle collector: CPython's generational trial-deletion GC for refcounted containers.
//
// Design: refcounting frees everything except reference cycles. Every container type
// (an object that can hold references to other objects) derives from `GcObject`, which
// links it into the youngest of three generation lists (an intrusive doubly linked list:
// two pointers and a scratch counter per container, no allocation) and gives it two
// hooks: `traverse` visits every reference the object owns, `clear` drops them.
// A collection of generation g merges generations 0..g, copies each object's refcount into
// `gc_refs`, subtracts every reference found by traversing the set (references from inside
// the set), and what still has gc_refs > 0 is referenced from outside (a C++ local, a
// coroutine frame, an untracked object, an older generation): it and everything it reaches
// survive and move one generation up. The rest is unreachable garbage: each object is
// cleared, which breaks the cycles, and normal refcounting frees them. Objects whose owners
// are not traversed are therefore always safe: a reference nobody visits counts as external.
//
// Triggering matches CPython 3.11: allocating a container bumps generation 0's count (a
// dealloc lowers it); past threshold 0 (700) generation 0 is collected; every threshold 1
// (10) young collections trigger a generation-1 collection, every threshold 2 (10) of those
// a full one, the latter only when the survivors pending since the last full collection
// exceed 25% of the long-lived objects.
//
// Rules for container types: (1) traverse visits only references the object owns (one
// visit per owned reference) — visiting a borrowed pointer would let the collector free a
// live object; leaving one out only keeps things alive. (2) A constructor must not allocate
// containers in its member initialisers (a collection may traverse the object while it is
// still being constructed; the constructor body is safe). (3) clear leaves the object valid
// (its members Unbound / empty), since other garbage may still look at it.
//
// Finalizers (PEP 442, as CPython): before anything is cleared, every unreachable object is
// finalized: a user class's `__del__` runs (run_del_finalizer, at most once per object) and
// gc_finalize closes a suspended generator or coroutine (its `finally` blocks run, as
// CPython's generator finaliser does). When a
// finalizer ran, reachability is computed again over what is left (a finalizer may have
// stored garbage somewhere live: "resurrection"), and only what is still unreachable is
// cleared; the rest survives. Destructors of cleared objects run as in any refcount drop.
//
// Frames (frame_locals.hpp): generators, coroutines and async generators traverse the
// Python locals of their C++ frame only while it is suspended. The invariant trial deletion
// needs is that every visited reference is one the visiting object owns and that is counted
// in the referent's refcount; a suspended frame is owned exclusively by its object, so its
// locals qualify. A running frame is skipped: its locals are also being used by the C++
// stack (and a running object may be reachable only from there), so it must look
// externally referenced, which skipping does (never visiting a reference is always safe).
//
// Thread model: not thread-safe; like every Value operation it runs with the runtime lock
// held (or on the loop thread while the lock is dormant). Collections triggered inside a
// collection (a destructor allocating) are skipped.
#pragma once

#include <cstdint>

#include "aio/value.hpp"

namespace aio {

struct GcLink {
  GcLink* gc_prev = nullptr;
  GcLink* gc_next = nullptr;
};

// Object::gc_flags bits.
enum GcFlag : std::uint32_t {
  kGcTracked = 1u << 0,       // a GcObject linked into a generation list
  kGcCollecting = 1u << 1,    // in the generation being collected (scratch)
  kGcUnreachable = 1u << 2,   // tentatively unreachable (scratch)
  kGcManagedDict = 1u << 3,   // an instance's attribute dict never exposed as __dict__:
                              // CPython 3.11 stores those inline, so collect() omits them
  kGcFinalized = 1u << 4,     // finalized (__del__ or gc_finalize ran, PEP 442: at most once
                              // per object; destructors then skip their finalizing work too)
};

using GcVisitFn = void (*)(Object* referent, void* arg);

struct GcObject : Object, GcLink {
  std::int64_t gc_refs = 0;  // scratch during a collection
  // May run a collection (before this object is linked), then links it into generation 0.
  explicit GcObject(TypeObject* t) noexcept;
  ~GcObject() override;
  // Calls visit(o, arg) once for every object reference this object owns.
  virtual void traverse(GcVisitFn visit, void* arg);
  // Runs before any clear of a collection (PEP 442); returns true if it ran code (which
  // can resurrect garbage), false if there was nothing to finalize.
  virtual bool gc_finalize();
  // Drops the owned references that can form cycles.
  virtual void clear();
};

// __del__ (PEP 442), for instances of user classes: runs the class's __del__ once per
// object, reporting what it raises as "Exception ignored in: <function C.__del__ ...>".
// Returns true if a __del__ ran. Called by destroy_object when the last reference goes
// (with the refcount raised back to 1, so __del__ may resurrect the object) and by the
// collector before it clears garbage. Off once the program has finished (static
// destruction must not run Python code).
bool run_del_finalizer(Object* o) noexcept;
void disable_del_finalizers() noexcept;

// Visits v if it holds an object.
inline void gc_visit(const Value& v, GcVisitFn visit, void* arg) {
  if (Object* o = v.object()) visit(o, arg);
}

inline bool gc_is_tracked(const Object* o) noexcept { return (o->gc_flags & kGcTracked) != 0; }
void gc_untrack(GcObject* o) noexcept;  // immortal containers (builtin types) opt out

// gc module state. collect() returns the number of unreachable objects found.
std::int64_t gc_collect(int generation = 2);
// Program exit (CPython's finalization of __main__): a full collection if the collector is
// enabled, then the finalizers (__del__, generator close) of every object only the module
// globals keep alive, with the globals intact, then the globals are cleared in the order
// given and a last full collection runs.
void gc_finalize_module(Value* const* globals, std::size_t n);
void gc_set_enabled(bool on) noexcept;
bool gc_enabled() noexcept;
void gc_set_threshold(int t0, int t1, int t2) noexcept;
void gc_get_threshold(int out[3]) noexcept;
void gc_get_count(int out[3]) noexcept;
std::int64_t gc_tracked_count() noexcept;  // objects in all generations (tests)

}  // namespace aio
