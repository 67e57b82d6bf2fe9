// The `typing` module, minimal: the names annotations in the seeds use (Union, Optional,
// Any, List, Dict, ...). Annotations are evaluated when a def runs, so `Union[A, B]` must
// work; each name is a "special form" whose subscription returns the form itself (aioc
// never inspects annotations), and whose repr is CPython's ("typing.Union").
#include "aio/module.hpp"
#include "aio/object.hpp"
#include "aio/str.hpp"

namespace aio {
namespace {

TypeObject* g_special_form_type = nullptr;

struct SpecialForm : Object {
  std::string name;
  SpecialForm(std::string n) : Object(g_special_form_type), name(std::move(n)) {}
};

Value form_repr(const Value& self) {
  return make_str("typing." + static_cast<SpecialForm*>(self.object())->name);
}
Value form_getitem(const Value& self, const Value&) { return self; }

constexpr const char* kForms[] = {"Any",      "Union",    "Optional", "List",      "Dict",
                                  "Tuple",    "Set",      "Callable", "Awaitable", "Coroutine",
                                  "Iterable", "Iterator", "Type",     "Sequence",  "Mapping",
                                  "AsyncIterator", "AsyncIterable", "Generator", "AsyncGenerator"};

}  // namespace

Value create_typing() {
  if (!g_special_form_type) {
    g_special_form_type = make_builtin_type("_SpecialForm", nullptr, "typing");
    g_special_form_type->repr = &form_repr;
    g_special_form_type->getitem = &form_getitem;
  }
  Value m = make_module("typing");
  for (const char* n : kForms) module_add(m, n, Value(static_cast<Object*>(new SpecialForm(n))));
  return m;
}

}  // namespace aio
