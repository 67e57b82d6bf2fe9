// The cycle collector (gc.hpp): generation lists, trial deletion, automatic triggering.
#include "aio/gc.hpp"

#include "aio/object.hpp"

namespace aio {

namespace {

constexpr int kGenerations = 3;
constexpr int kOldest = kGenerations - 1;

struct Generation {
  GcLink head;  // sentinel of a circular list; initialised on first use (see head_of)
  int threshold;
  int count;
};

// CPython's defaults (Modules/gcmodule.c): 700 allocations, 10 and 10 collections.
struct GcState {
  Generation gens[kGenerations] = {{{}, 700, 0}, {{}, 10, 0}, {{}, 10, 0}};
  bool enabled = true;
  bool collecting = false;
  // Full collections only run once the survivors of generation-1 collections since the
  // last full one exceed 25% of the long-lived objects (keeps full scans amortised linear).
  std::int64_t long_lived_total = 0;
  std::int64_t long_lived_pending = 0;
};

// Constant-initialised, so containers created by static initialisers find it ready.
constinit GcState g_gc;

GcLink& head_of(int gen) noexcept {
  GcLink& h = g_gc.gens[gen].head;
  if (!h.gc_next) h.gc_prev = h.gc_next = &h;
  return h;
}

bool list_empty(const GcLink& h) noexcept { return h.gc_next == &h; }

void list_append(GcLink* node, GcLink& h) noexcept {
  node->gc_prev = h.gc_prev;
  node->gc_next = &h;
  h.gc_prev->gc_next = node;
  h.gc_prev = node;
}

void list_remove(GcLink* node) noexcept {
  node->gc_prev->gc_next = node->gc_next;
  node->gc_next->gc_prev = node->gc_prev;
  node->gc_prev = node->gc_next = nullptr;
}

void list_move(GcLink* node, GcLink& to) noexcept {
  list_remove(node);
  list_append(node, to);
}

// Appends all of `from` to `to`, leaving `from` empty.
void list_merge(GcLink& from, GcLink& to) noexcept {
  if (list_empty(from)) return;
  GcLink* first = from.gc_next;
  GcLink* last = from.gc_prev;
  first->gc_prev = to.gc_prev;
  to.gc_prev->gc_next = first;
  last->gc_next = &to;
  to.gc_prev = last;
  from.gc_prev = from.gc_next = &from;
}

std::int64_t list_size(const GcLink& h) noexcept {
  std::int64_t n = 0;
  for (const GcLink* p = h.gc_next; p != &h; p = p->gc_next) ++n;
  return n;
}

GcObject* as_object(GcLink* link) noexcept { return static_cast<GcObject*>(link); }
GcObject* as_gc(Object* o) noexcept { return static_cast<GcObject*>(o); }

// A reference from inside the collected set: not evidence of an outside owner.
void visit_decref(Object* o, void*) {
  if (o->gc_flags & kGcCollecting) --as_gc(o)->gc_refs;
}

// `o` is reachable from a reachable object: rescue it if it was set aside, or mark it so
// the scan treats it as reachable when it gets there.
void visit_reachable(Object* o, void* young) {
  if (!(o->gc_flags & kGcCollecting)) return;
  GcObject* g = as_gc(o);
  if (g->gc_flags & kGcUnreachable) {
    g->gc_flags &= ~kGcUnreachable;
    list_move(g, *static_cast<GcLink*>(young));
    g->gc_refs = 1;
  } else if (g->gc_refs == 0) {
    g->gc_refs = 1;
  }
}

void compute_internal_refs(GcLink& young) {
  for (GcLink* p = young.gc_next; p != &young; p = p->gc_next) {
    GcObject* o = as_object(p);
    o->gc_refs = o->refcount;
    o->gc_flags |= kGcCollecting;
  }
  for (GcLink* p = young.gc_next; p != &young; p = p->gc_next) as_object(p)->traverse(&visit_decref, nullptr);
}

// Splits `young` into reachable (stays) and unreachable (moved). Objects moved back to the
// end of `young` by visit_reachable are scanned when the loop reaches them.
void move_unreachable(GcLink& young, GcLink& unreachable) {
  GcLink* p = young.gc_next;
  while (p != &young) {
    GcObject* o = as_object(p);
    if (o->gc_refs > 0) {
      o->traverse(&visit_reachable, &young);
      p = p->gc_next;
    } else {
      GcLink* next = p->gc_next;
      o->gc_flags |= kGcUnreachable;
      list_move(p, unreachable);
      p = next;
    }
  }
}

void end_scan(GcLink& list) noexcept {
  for (GcLink* p = list.gc_next; p != &list; p = p->gc_next)
    as_object(p)->gc_flags &= ~(kGcCollecting | kGcUnreachable);
}

std::int64_t count_garbage(const GcLink& unreachable) noexcept {
  std::int64_t n = 0;
  for (const GcLink* p = unreachable.gc_next; p != &unreachable; p = p->gc_next)
    if (!(static_cast<const GcObject*>(p)->gc_flags & kGcManagedDict)) ++n;
  return n;
}

// PEP 442: finalizers first, while all garbage is still intact. Each object is moved to
// `done` before its finalizer runs; a finalizer may free other garbage (a closed frame drops
// its locals), whose destructors unlink it from whichever list holds it.
bool finalize_garbage(GcLink& unreachable) {
  GcLink done{&done, &done};
  bool ran = false;
  while (!list_empty(unreachable)) {
    GcObject* o = as_object(unreachable.gc_next);
    list_move(o, done);
    Value::incref(o);
    // PEP 442: each object is finalized at most once. The flag is set only when something
    // ran, so a destructor still does what a no-op finalizer left (the "never awaited"
    // warning of an unstarted coroutine).
    if (!(o->gc_flags & kGcFinalized)) {
      if (run_del_finalizer(o)) ran = true;  // sets the flag itself
      if (o->gc_finalize()) {
        ran = true;
        o->gc_flags |= kGcFinalized;
      }
    }
    Value::decref(o);
  }
  list_merge(done, unreachable);
  return ran;
}

// After finalizers ran: trial deletion again over what is left, so that objects a finalizer
// made reachable (and everything they reach) move to `survivors` instead of being cleared.
void handle_resurrected(GcLink& unreachable, GcLink& survivors) {
  for (GcLink* p = unreachable.gc_next; p != &unreachable; p = p->gc_next) as_object(p)->gc_flags &= ~kGcUnreachable;
  compute_internal_refs(unreachable);
  GcLink still{&still, &still};
  move_unreachable(unreachable, still);
  end_scan(unreachable);
  end_scan(still);
  list_merge(unreachable, survivors);
  list_merge(still, unreachable);
}

// Clearing breaks the cycles; refcounting then frees the objects (their destructors
// unlink them). An object still first after its clear was kept alive by someone else.
void clear_garbage(GcLink& unreachable, GcLink& survivors) {
  while (!list_empty(unreachable)) {
    GcObject* o = as_object(unreachable.gc_next);
    Value::incref(o);
    o->clear();
    if (unreachable.gc_next == o) list_move(o, survivors);
    Value::decref(o);
  }
}

std::int64_t collect(int gen) {
  g_gc.collecting = true;
  GcLink& young = head_of(gen);
  for (int i = 0; i < gen; ++i) list_merge(head_of(i), young);
  GcLink& older = head_of(gen < kOldest ? gen + 1 : gen);

  compute_internal_refs(young);
  GcLink unreachable{&unreachable, &unreachable};
  move_unreachable(young, unreachable);
  end_scan(young);
  end_scan(unreachable);

  std::int64_t survivors = list_size(young);
  if (gen == kOldest - 1) g_gc.long_lived_pending += survivors;
  if (gen == kOldest) {
    g_gc.long_lived_pending = 0;
    g_gc.long_lived_total = survivors;
  }
  if (&older != &young) list_merge(young, older);

  // CPython counts what is left to clear after finalizers (freed or resurrected ones not).
  if (finalize_garbage(unreachable)) handle_resurrected(unreachable, older);
  std::int64_t found = count_garbage(unreachable);
  clear_garbage(unreachable, older);

  if (gen < kOldest) ++g_gc.gens[gen + 1].count;
  for (int i = 0; i <= gen; ++i) g_gc.gens[i].count = 0;
  g_gc.collecting = false;
  return found;
}

// The oldest generation over its threshold (CPython's collect_generations).
void collect_generations() {
  for (int i = kOldest; i >= 0; --i) {
    const Generation& g = g_gc.gens[i];
    if (g.count <= g.threshold) continue;
    if (i == kOldest && g_gc.long_lived_pending < g_gc.long_lived_total / 4) continue;
    collect(i);
    return;
  }
}

// Exit: CPython collects __main__'s dict as garbage, so every finalizer of what only module
// globals keep alive runs while the globals are still intact (a __del__ may call a global
// function). Trial deletion over all generations with the globals' references subtracted
// finds those objects; their finalizers run; nothing is cleared (the globals still hold
// them) and the lists stay as they were, merged into the oldest generation.
void finalize_from_globals(Value* const* globals, std::size_t n) {
  g_gc.collecting = true;
  GcLink& all = head_of(kOldest);
  for (int i = 0; i < kOldest; ++i) list_merge(head_of(i), all);
  compute_internal_refs(all);
  for (std::size_t i = 0; i < n; ++i)
    if (Object* o = globals[i]->object(); o && (o->gc_flags & kGcCollecting)) --as_gc(o)->gc_refs;
  GcLink unreachable{&unreachable, &unreachable};
  move_unreachable(all, unreachable);
  end_scan(all);
  end_scan(unreachable);
  finalize_garbage(unreachable);
  list_merge(unreachable, all);
  g_gc.collecting = false;
}

#if defined(__SANITIZE_ADDRESS__)
// Leak checking (scripts/leakcheck): the generation lists chain every container to the
// next, so LeakSanitizer would find all of them reachable from the list heads. At exit the
// lists are dissolved (the objects stay, only the links go), so a container counts as
// reachable only through real references. A destructor function runs from .fini_array:
// after the static destructors of module globals (a last full collection frees the cycles
// they orphaned) and before LeakSanitizer's check, which was registered before both.
__attribute__((destructor)) void dissolve_generations() {
  if (!g_gc.collecting) collect(kOldest);
  for (int i = 0; i < kGenerations; ++i) {
    GcLink& h = head_of(i);
    for (GcLink* p = h.gc_next; p != &h;) {
      GcLink* next = p->gc_next;
      as_object(p)->gc_flags &= ~kGcTracked;
      p->gc_prev = p->gc_next = nullptr;
      p = next;
    }
    h.gc_prev = h.gc_next = &h;
  }
}
#endif

}  // namespace

GcObject::GcObject(TypeObject* t) noexcept : Object(t) {
  Generation& g0 = g_gc.gens[0];
  ++g0.count;
  if (g0.count > g0.threshold && g0.threshold && g_gc.enabled && !g_gc.collecting) collect_generations();
  list_append(this, head_of(0));
  gc_flags |= kGcTracked;
}

GcObject::~GcObject() {
  gc_untrack(this);
  if (g_gc.gens[0].count > 0) --g_gc.gens[0].count;
}

void GcObject::traverse(GcVisitFn, void*) {}
bool GcObject::gc_finalize() { return false; }
void GcObject::clear() {}

void gc_untrack(GcObject* o) noexcept {
  if (!(o->gc_flags & kGcTracked)) return;
  list_remove(o);
  o->gc_flags &= ~kGcTracked;
}

// Value::decref's last step: an object about to be destroyed leaves its generation first,
// so a collection started by a destructor never traverses a half-destroyed object.
void destroy_object(Object* o) noexcept {
  if (o->type->is_heap && !(o->gc_flags & kGcFinalized)) {
    o->refcount = 1;
    run_del_finalizer(o);
    if (--o->refcount != 0) return;  // __del__ stored a new reference: resurrected
  }
  if (o->gc_flags & kGcTracked) gc_untrack(as_gc(o));
  delete o;
}

std::int64_t gc_collect(int generation) {
  if (g_gc.collecting) return 0;
  if (generation < 0 || generation > kOldest) generation = kOldest;
  return collect(generation);
}

void gc_finalize_module(Value* const* globals, std::size_t n) {
  if (g_gc.collecting) return;
  if (g_gc.enabled) collect(kOldest);
  finalize_from_globals(globals, n);
  for (std::size_t i = 0; i < n; ++i) *globals[i] = Value();
  collect(kOldest);
}

void gc_set_enabled(bool on) noexcept { g_gc.enabled = on; }
bool gc_enabled() noexcept { return g_gc.enabled; }

void gc_set_threshold(int t0, int t1, int t2) noexcept {
  g_gc.gens[0].threshold = t0;
  g_gc.gens[1].threshold = t1;
  g_gc.gens[2].threshold = t2;
}

void gc_get_threshold(int out[3]) noexcept {
  for (int i = 0; i < kGenerations; ++i) out[i] = g_gc.gens[i].threshold;
}

void gc_get_count(int out[3]) noexcept {
  for (int i = 0; i < kGenerations; ++i) out[i] = g_gc.gens[i].count;
}

std::int64_t gc_tracked_count() noexcept {
  std::int64_t n = 0;
  for (int i = 0; i < kGenerations; ++i) n += list_size(head_of(i));
  return n;
}

}  // namespace aio
