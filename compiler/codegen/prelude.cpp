// Prelude text: see prelude.hpp.
#include "codegen/prelude.hpp"

namespace aioc::codegen {

const char* prelude_text() {
  return R"cpp(namespace {

inline const aio::Value& aioc_local(const aio::Value& v, const char* name) {
  if (v.is_unbound()) [[unlikely]] aio::raise_unbound_local(name);
  return v;
}

inline const aio::Value& aioc_cell(const aio::Value& cell, const char* name) {
  const aio::Value& v = aio::cell_ref(cell);
  if (v.is_unbound()) [[unlikely]] aio::raise_unbound_local(name);
  return v;
}

inline const aio::Value& aioc_free(const aio::Value& cell, const char* name) {
  const aio::Value& v = aio::cell_ref(cell);
  if (v.is_unbound()) [[unlikely]] {
    aio::raise_error(aio::exc::NameError,
                     std::string("cannot access free variable '") + name +
                         "' where it is not associated with a value in enclosing scope");
  }
  return v;
}

inline aio::Value aioc_class_load(const aio::Value& ns, const aio::Value& name,
                                  const aio::Value& global) {
  aio::Value v = aio::dict_get(ns, name);
  if (v.is_bound()) return v;
  return aio::load_global(global, name);
}

inline aio::Value aioc_type_of(const aio::Value& v) {
  return aio::Value::borrowed(aio::type_of(v));
}

inline aio::Value aioc_enter(const aio::Value& mgr) {
  aio::Value r = aio::call_special(mgr, "__enter__", {});
  if (r.is_unbound()) {
    aio::raise_type_error("'" + aio::type_of(mgr)->name +
                          "' object does not support the context manager protocol");
  }
  return r;
}

inline aio::Value aioc_exit(const aio::Value& mgr, const aio::Value& exc) {
  if (exc.is_unbound()) {
    return aio::call_special(mgr, "__exit__",
                             {aio::Value::none(), aio::Value::none(), aio::Value::none()});
  }
  // __exit__ runs while `exc` is being handled: what it raises gets exc as __context__.
  aio::HandlerScope handling(exc);
  return aio::call_special(mgr, "__exit__", {aioc_type_of(exc), exc, aio::Value::none()});
}

inline aio::Value aioc_aenter(const aio::Value& mgr) {
  aio::Value r = aio::call_special(mgr, "__aenter__", {});
  if (r.is_unbound()) {
    aio::raise_type_error("'" + aio::type_of(mgr)->name +
                          "' object does not support the asynchronous context manager protocol");
  }
  return r;
}

inline aio::Value aioc_aexit(const aio::Value& mgr, const aio::Value& exc) {
  if (exc.is_unbound()) {
    return aio::call_special(mgr, "__aexit__",
                             {aio::Value::none(), aio::Value::none(), aio::Value::none()});
  }
  return aio::call_special(mgr, "__aexit__", {aioc_type_of(exc), exc, aio::Value::none()});
}

inline aio::Value aioc_aiter(const aio::Value& obj) {
  aio::Value r = aio::call_special(obj, "__aiter__", {});
  if (r.is_unbound()) {
    aio::raise_type_error("'async for' requires an object with __aiter__ method, got " +
                          aio::type_of(obj)->name);
  }
  return r;
}

inline aio::Value aioc_anext(const aio::Value& it) {
  aio::Value r = aio::call_special(it, "__anext__", {});
  if (r.is_unbound()) {
    aio::raise_type_error("'async for' received an object from __aiter__ that does not "
                          "implement __anext__: " + aio::type_of(it)->name);
  }
  return r;
}

// The name CPython gives a callee in argument errors: "__main__.f" for functions (module
// and qualname), the type's name otherwise, "__build_class__" for class keywords.
inline std::string aioc_callee_name(const aio::Value& callee) {
  if (aio::type_of(callee) != aio::function_type) return aio::type_of(callee)->name;
  return aio::to_std_string(aio::getattr(callee, "__module__")) + "." +
         aio::to_std_string(aio::getattr(callee, "__qualname__"));
}
inline std::string aioc_callee_name(const char* builtin) { return builtin; }

template <class Callee>
[[noreturn]] void aioc_duplicate_kwarg(const Callee& callee, const aio::Value& name) {
  aio::raise_type_error(aioc_callee_name(callee) + "() got multiple values for keyword argument '" +
                        aio::to_std_string(name) + "'");
}

template <class Callee>
void aioc_set_kwarg(const aio::Value& kwargs, const aio::Value& name, const aio::Value& value,
                    const Callee& callee) {
  if (aio::dict_get(kwargs, name).is_bound()) aioc_duplicate_kwarg(callee, name);
  aio::dict_setitem(kwargs, name, value);
}

// f(**mapping): anything with keys() merges; duplicates and non-mappings raise as CPython.
template <class Callee>
void aioc_merge_kwargs(const aio::Value& kwargs, const aio::Value& mapping, const Callee& callee) {
  if (aio::is_dict_like(mapping)) {
    for (auto& e : aio::dict_table(mapping).entries())
      if (e.key.is_bound() && aio::dict_get(kwargs, e.key).is_bound()) aioc_duplicate_kwarg(callee, e.key);
    aio::dict_update(kwargs, mapping);
    return;
  }
  aio::Value keys_name = aio::make_str("keys");
  if (!aio::hasattr(mapping, keys_name))
    aio::raise_type_error(aioc_callee_name(callee) + "() argument after ** must be a mapping, not " +
                          aio::type_of(mapping)->name);
  aio::Value it = aio::iter(aio::call_method(mapping, keys_name, {})), key;
  while (aio::next(it, key)) aioc_set_kwarg(kwargs, key, aio::getitem(mapping, key), callee);
}

}  // namespace
)cpp";
}

}  // namespace aioc::codegen
