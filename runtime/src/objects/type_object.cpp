// TypeObject basics: MRO lookup, type_of for inline values, making builtin types and
// attaching native methods/attributes to them.
#include "aio/object.hpp"

#include "aio/dict.hpp"
#include "aio/class.hpp"
#include "aio/exceptions.hpp"
#include "aio/str.hpp"

namespace aio {

TypeObject* type_type;
TypeObject* object_type;
TypeObject* none_type;
TypeObject* bool_type;
TypeObject* int_type;
TypeObject* float_type;
TypeObject* str_type;
TypeObject* bytes_type;
TypeObject* list_type;
TypeObject* tuple_type;
TypeObject* dict_type;
TypeObject* set_type;
TypeObject* frozenset_type;
TypeObject* range_type;
TypeObject* slice_type;
TypeObject* function_type;
TypeObject* builtin_function_type;
TypeObject* method_type;
TypeObject* cell_type;
TypeObject* module_type;
TypeObject* property_type;
TypeObject* staticmethod_type;
TypeObject* classmethod_type;
TypeObject* super_type;
TypeObject* not_implemented_type;
TypeObject* ellipsis_type;
TypeObject* iterator_type;

// Type-attribute cache (CPython's type cache, with one global version): a direct-mapped
// table of (type, interned name, heap-only?) -> a pointer to the dict slot holding the
// value, or null for "absent". Every type dict the walk reads is watched, so any change to
// one (or a type's death) bumps type_cache_epoch and all entries become stale. Entries
// point into the dict's entry array, which only moves on insert (a change), and the name
// is an immortal interned str, so a current entry is always valid.
namespace {

struct TypeCacheEntry {
  std::uint64_t epoch = 0;
  const TypeObject* type = nullptr;
  std::uintptr_t key = 0;  // name pointer | heap_only
  const Value* slot = nullptr;
};

constexpr std::size_t kTypeCacheSize = 2048;
// Global, not thread_local: Values are only touched under the runtime lock (runtime_lock.hpp),
// and a TLS access would cost more than the rest of a hit.
TypeCacheEntry type_cache[kTypeCacheSize];

const Value* walk_mro(const TypeObject* type, const Value& name, std::int64_t h, bool heap_only,
                      bool watch) {
  for (TypeObject* t : type->mro) {
    if (heap_only && !t->is_heap) continue;
    if (!t->dict.is_bound()) continue;
    HashTable& table = dict_table(t->dict);
    if (watch) table.watch();
    std::int64_t i = table.find(name, h);
    if (i >= 0) return &table.entries()[static_cast<std::size_t>(i)].value;
  }
  return nullptr;
}

bool cacheable(const TypeObject* type, const Value& name) {
  if (!is_str(name) || !as_str(name)->interned) return false;
  for (TypeObject* t : type->mro)  // a type without a dict yet (early runtime_init) may get one
    if (!t->dict.is_bound()) return false;
  return true;
}

[[gnu::noinline]] Value lookup_and_cache(TypeCacheEntry& e, const TypeObject* type, const Value& name,
                                         std::uintptr_t key, bool heap_only) {
  std::int64_t h = str_hash(name);
  if (!cacheable(type, name)) {
    const Value* slot = walk_mro(type, name, h, heap_only, false);
    return slot ? *slot : Value();
  }
  const Value* slot = walk_mro(type, name, h, heap_only, true);
  e.epoch = type_cache_epoch;
  e.type = type;
  e.key = key;
  e.slot = slot;
  return slot ? *slot : Value();
}

inline Value cached_lookup(const TypeObject* type, const Value& name, bool heap_only) {
  auto key = reinterpret_cast<std::uintptr_t>(name.object()) | (heap_only ? 1u : 0u);
  std::size_t i = ((reinterpret_cast<std::uintptr_t>(type) >> 4) ^ (key >> 3) ^ (key << 2)) & (kTypeCacheSize - 1);
  TypeCacheEntry& e = type_cache[i];
  if (e.epoch == type_cache_epoch && e.type == type && e.key == key) [[likely]]
    return e.slot ? *e.slot : Value();
  return lookup_and_cache(e, type, name, key, heap_only);
}

}  // namespace

TypeObject::~TypeObject() {
  ++type_cache_epoch;
  // Instances in the dict (enum members) die with it: lookups on this type during that
  // (run_del_finalizer) must see no dict rather than one being destroyed.
  Value gone = std::move(dict);
}

Value TypeObject::lookup(const Value& name) const { return cached_lookup(this, name, false); }

Value TypeObject::heap_lookup(const Value& name) const { return cached_lookup(this, name, true); }

Value TypeObject::lookup(std::string_view name) const { return lookup(intern(name)); }

bool TypeObject::is_subtype_of(const TypeObject* other) const {
  if (this == other) return true;
  for (TypeObject* t : mro)
    if (t == other) return true;
  return false;
}

TypeObject* type_of(const Value& v) noexcept {
  switch (v.tag()) {
    case Value::Tag::Object: return v.object()->type;
    case Value::Tag::Int: return int_type;
    case Value::Tag::Float: return float_type;
    case Value::Tag::Bool: return bool_type;
    case Value::Tag::None: return none_type;
    case Value::Tag::Unbound: return none_type;
  }
  return none_type;
}

bool isinstance_of(const Value& v, const TypeObject* t) noexcept { return type_of(v)->is_subtype_of(t); }

static void inherit_slots(TypeObject* t, TypeObject* b) {
  t->repr = b->repr; t->str = b->str; t->hash = b->hash; t->compare = b->compare;
  t->binary = b->binary; t->unary = b->unary; t->call = b->call; t->getattr = b->getattr;
  t->setattr = b->setattr; t->iter = b->iter; t->next = b->next; t->len = b->len;
  t->getitem = b->getitem; t->setitem = b->setitem; t->truthy = b->truthy;
  t->contains = b->contains; t->new_ = b->new_; t->descr_get = b->descr_get;
  t->descr_set = b->descr_set;
}

void init_type_fields(TypeObject* t, const char* name, TypeObject* base, const char* module) {
  t->name = name;
  t->qualname = name;
  t->module = module;
  t->base = base;
  t->mro.push_back(t);
  if (base) {
    t->bases.push_back(base);
    for (TypeObject* m : base->mro) t->mro.push_back(m);
    inherit_slots(t, base);
    t->is_exception = base->is_exception;
  }
  t->native_base = t;
}

TypeObject* make_builtin_type(const char* name, TypeObject* base, const char* module) {
  runtime_init();
  auto* t = new TypeObject(type_type);
  init_type_fields(t, name, base ? base : object_type, module);
  t->dict = make_dict();
  return t;
}

void set_type_attr(TypeObject* t, const char* name, const Value& v) {
  dict_setitem(t->dict, intern(name), v);
}

static Value make_native(const char* name, const std::string& owner, NativeFn fn) {
  runtime_init();
  auto* f = new NativeFunctionObject();
  f->name = name;
  f->qualname = owner.empty() ? std::string(name) : owner + "." + name;
  f->fn = fn;
  return Value(f);
}

Value make_native_function(const char* name, NativeFn fn) { return make_native(name, "", fn); }

Value make_native_function(const char* name, NativeDataFn fn, Value data) {
  Value v = make_native(name, "", nullptr);
  auto* f = static_cast<NativeFunctionObject*>(v.object());
  f->data_fn = fn;
  f->data = std::move(data);
  return v;
}

void add_method(TypeObject* t, const char* name, NativeFn fn) {
  Value f = make_native(name, t->name, fn);
  static_cast<NativeFunctionObject*>(f.object())->is_method = true;
  set_type_attr(t, name, f);
}

void add_static_method(TypeObject* t, const char* name, NativeFn fn) {
  set_type_attr(t, name, make_native(name, t->name, fn));
}

void add_class_method(TypeObject* t, const char* name, NativeFn fn) {
  Value f = make_native(name, t->name, fn);
  set_type_attr(t, name, make_classmethod(f));
}

Value make_classmethod(const Value& f);

}  // namespace aio
