// The `__future__` module: CPython 3.11's feature records, so `from __future__ import
// annotations` (which the compiler honours: annotations are not evaluated) binds what it
// binds in CPython. Each `_Feature` keeps optional/mandatory/compiler_flag in its instance
// dict, as Lib/__future__.py's class does.
#include "aio/builtins.hpp"
#include "aio/dict.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/object.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {
namespace {

TypeObject* g_feature_type = nullptr;

struct FeatureObject : Object {
  Value dict = make_dict();
  FeatureObject() : Object(g_feature_type) {}
  Value* instance_dict() noexcept override { return &dict; }
};

struct Release {
  int major, minor, micro;
  const char* level;
  int serial;
};

struct FeatureSpec {
  const char* name;
  Release optional;
  Release mandatory;
  bool has_mandatory;
  long compiler_flag;
};

// Lib/__future__.py of CPython 3.11, in all_feature_names order.
constexpr FeatureSpec kFeatures[] = {
    {"nested_scopes", {2, 1, 0, "beta", 1}, {2, 2, 0, "alpha", 0}, true, 0x0010},
    {"generators", {2, 2, 0, "alpha", 1}, {2, 3, 0, "final", 0}, true, 0},
    {"division", {2, 2, 0, "alpha", 2}, {3, 0, 0, "alpha", 0}, true, 0x20000},
    {"absolute_import", {2, 5, 0, "alpha", 1}, {3, 0, 0, "alpha", 0}, true, 0x40000},
    {"with_statement", {2, 5, 0, "alpha", 1}, {2, 6, 0, "alpha", 0}, true, 0x80000},
    {"print_function", {2, 6, 0, "alpha", 2}, {3, 0, 0, "alpha", 0}, true, 0x100000},
    {"unicode_literals", {2, 6, 0, "alpha", 2}, {3, 0, 0, "alpha", 0}, true, 0x200000},
    {"barry_as_FLUFL", {3, 1, 0, "alpha", 2}, {4, 0, 0, "alpha", 0}, true, 0x400000},
    {"generator_stop", {3, 5, 0, "beta", 1}, {3, 7, 0, "alpha", 0}, true, 0x800000},
    {"annotations", {3, 7, 0, "beta", 1}, {}, false, 0x1000000},
};

Value release_tuple(const Release& r) {
  return make_tuple({Value::from_int(r.major), Value::from_int(r.minor), Value::from_int(r.micro),
                     make_str(r.level), Value::from_int(r.serial)});
}

Value feature_attr(const Value& self, const char* name) { return getattr(self, name); }

Value feature_repr(const Value& self) {
  return make_str("_Feature(" + repr_std(feature_attr(self, "optional")) + ", " +
                  repr_std(feature_attr(self, "mandatory")) + ", " +
                  repr_std(feature_attr(self, "compiler_flag")) + ")");
}

Value feature_get_optional(const CallArgs& a) {
  check_nargs(a, "getOptionalRelease", 1, 1);
  return feature_attr(a[0], "optional");
}

Value feature_get_mandatory(const CallArgs& a) {
  check_nargs(a, "getMandatoryRelease", 1, 1);
  return feature_attr(a[0], "mandatory");
}

Value make_feature(const FeatureSpec& spec) {
  auto* f = new FeatureObject();
  Value v(static_cast<Object*>(f));
  dict_setitem(f->dict, make_str("optional"), release_tuple(spec.optional));
  dict_setitem(f->dict, make_str("mandatory"),
               spec.has_mandatory ? release_tuple(spec.mandatory) : Value::none());
  dict_setitem(f->dict, make_str("compiler_flag"), Value::from_int(spec.compiler_flag));
  return v;
}

}  // namespace

Value create_future_module() {
  if (!g_feature_type) {
    g_feature_type = make_builtin_type("_Feature", nullptr, "__future__");
    g_feature_type->repr = &feature_repr;
    add_method(g_feature_type, "getOptionalRelease", &feature_get_optional);
    add_method(g_feature_type, "getMandatoryRelease", &feature_get_mandatory);
  }
  Value m = make_module("__future__");
  std::vector<Value> names;
  for (const FeatureSpec& spec : kFeatures) {
    module_add(m, spec.name, make_feature(spec));
    names.push_back(make_str(spec.name));
  }
  module_add(m, "all_feature_names", make_list(std::move(names)));
  return m;
}

}  // namespace aio
