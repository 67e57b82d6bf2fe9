// __del__ for instances of user classes (PEP 442 semantics: once per object, resurrection
// allowed). See run_del_finalizer in gc.hpp.
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/gc.hpp"
#include "aio/generator.hpp"
#include "aio/object.hpp"
#include "aio/str.hpp"

namespace aio {

namespace {
bool g_del_enabled = true;
}  // namespace

void disable_del_finalizers() noexcept { g_del_enabled = false; }

bool run_del_finalizer(Object* o) noexcept {
  if (!g_del_enabled || !o->type->is_heap || (o->gc_flags & kGcFinalized)) return false;
  if (o->type->refcount <= 0) return false;  // the class itself is being destroyed
  o->gc_flags |= kGcFinalized;
  Value del;
  try {
    del = o->type->heap_lookup(str_lit("__del__", 7));
    if (!del.is_bound()) return false;
    call(del, {Value::borrowed(o)});
  } catch (const PyException& e) {
    report_ignored_exception(del, e.value());
  } catch (...) {
    // Not a Python exception (e.g. bad_alloc): nothing sensible to report; go on like CPython.
  }
  return true;
}

}  // namespace aio
