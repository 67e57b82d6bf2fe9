// The type-attribute cache (TypeObject::lookup / heap_lookup) and the literal caches
// (str_lit / str_static): cached answers must follow every change of a type dict.
#include <catch2/catch.hpp>

#include "aio/python.hpp"

using namespace aio;

namespace {
Value I(std::int64_t i) { return Value::from_int(i); }
TypeObject* new_class(const char* name, const Value& bases, const Value& ns) {
  Value cls = make_class(make_str(name), bases, ns, make_str(name));
  Value::incref(cls.object());  // kept alive for the whole test binary (types are immortal-ish)
  return static_cast<TypeObject*>(cls.object());
}
}  // namespace

TEST_CASE("literal caches return the interned str", "[objects][type_cache]") {
  runtime_init();
  const char* lit = "cache_literal_name";
  Value a = str_static(lit);
  Value b = str_static(lit);
  Value c = str_lit(lit, 18);
  CHECK(a.same(b));
  CHECK(a.same(c));
  CHECK(a.same(intern("cache_literal_name")));
  CHECK(as_str(a)->interned);
  // Same address, other length: a different literal (embedded prefix), not the cached one.
  CHECK(str_view(str_lit(lit, 5)) == "cache");
  CHECK(str_view(str_lit(lit, 18)) == "cache_literal_name");
}

TEST_CASE("type lookups follow changes of the class dict", "[objects][type_cache]") {
  runtime_init();
  Value ns = make_dict();
  dict_setitem(ns, intern("value"), I(1));
  TypeObject* base = new_class("CacheBase", make_tuple({}), ns);
  TypeObject* child = new_class("CacheChild", make_tuple({Value::borrowed(base)}), make_dict());
  Value name = intern("value");

  CHECK(child->lookup(name).as_int() == 1);
  CHECK(child->lookup(name).as_int() == 1);  // now from the cache
  dict_setitem(base->dict, name, I(2));       // class attribute assignment on the base
  CHECK(child->lookup(name).as_int() == 2);
  dict_setitem(child->dict, name, I(3));      // the subclass shadows it
  CHECK(child->lookup(name).as_int() == 3);
  CHECK(base->lookup(name).as_int() == 2);
  dict_del(child->dict, name);
  CHECK(child->lookup(name).as_int() == 2);
  dict_del(base->dict, name);
  CHECK(!child->lookup(name).is_bound());      // a cached miss...
  setattr(Value::borrowed(base), name, I(4));  // ...then type.__setattr__
  CHECK(child->lookup(name).as_int() == 4);
}

TEST_CASE("heap-only and full lookups are cached separately", "[objects][type_cache]") {
  runtime_init();
  TypeObject* cls = new_class("CacheRepr", make_tuple({}), make_dict());
  Value name = intern("__repr__");
  CHECK(cls->lookup(name).is_bound());        // object.__repr__
  CHECK(!cls->heap_lookup(name).is_bound());  // no Python-defined __repr__
  dict_setitem(cls->dict, name, I(7));
  CHECK(cls->heap_lookup(name).as_int() == 7);
  CHECK(cls->lookup(name).as_int() == 7);
}

TEST_CASE("a dying type invalidates the cache", "[objects][type_cache]") {
  runtime_init();
  std::uint64_t before = 0;
  {
    Value cls = make_class(make_str("Temp"), make_tuple({}), make_dict(), make_str("Temp"));
    static_cast<TypeObject*>(cls.object())->lookup(intern("anything"));
    before = type_cache_epoch;
  }
  gc_collect();  // in case the class is part of a cycle
  CHECK(type_cache_epoch > before);
}

TEST_CASE("user classes use generic attribute lookup", "[objects][type_cache]") {
  runtime_init();
  TypeObject* cls = new_class("CacheGeneric", make_tuple({}), make_dict());
  CHECK(uses_generic_getattr(cls));
  CHECK(uses_generic_getattr(object_type));
  CHECK(!uses_generic_getattr(type_type));
}
