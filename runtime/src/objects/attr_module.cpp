// The `attr` module (the classic API of the third-party attrs package, as the seeds use it):
// attr.s / attrs, attr.ib / attrib (default, factory, init, repr, eq, order, hash,
// converter, validator, kw_only, type), Factory, fields, asdict, astuple, evolve,
// NOTHING and exceptions.FrozenInstanceError.
//
// Fields are the class attributes holding attr.ib() objects, in creation order (attrs
// numbers them with a counter), after those of attrs base classes; with auto_attribs=True
// the annotated names in source order. The decorator removes the attr.ib() class
// attributes, as attrs does. Not supported: slots=True (accepted; instances keep a
// __dict__), `these=`, on_setattr hooks, attr.define/attr.frozen (the newer API).
#include <algorithm>

#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"
#include "record_class.hpp"

namespace aio {
namespace {

using record::as_field;
using record::FieldObject;

TypeObject* g_frozen_error = nullptr;
TypeObject* g_factory_type = nullptr;
Value g_nothing;
std::int64_t g_counter = 0;

struct FactoryObject : Object {
  Value factory;
  bool takes_self = false;
  FactoryObject() : Object(g_factory_type) {}
};

bool is_type(const Value& v) { return v.is_object() && v.object()->type->is_subtype_of(type_type); }
TypeObject* as_type(const Value& v) { return static_cast<TypeObject*>(v.object()); }
bool flag(const Value& v, bool dflt) { return v.is_bound() && !v.is_none() ? truthy(v) : dflt; }
bool given(const Value& v) { return v.is_bound() && !v.is_none(); }

Value c_factory(const CallArgs& a) {
  Value p[2];
  parse_args(a, "Factory", {"factory", "takes_self"}, 1, p);
  auto* f = new FactoryObject();
  Value r(f);
  f->factory = p[0];
  f->takes_self = flag(p[1], false);
  return r;
}

// attr.ib(default=NOTHING, validator=None, repr=True, cmp=None, hash=None, init=True,
//         metadata=None, type=None, converter=None, factory=None, kw_only=False, eq=None,
//         order=None)
Value c_attrib(const CallArgs& a) {
  Value p[13];
  parse_args(a, "attrib",
             {"default", "validator", "repr", "cmp", "hash", "init", "metadata", "type", "converter", "factory",
              "kw_only", "eq", "order"},
             0, p);
  auto* f = new FieldObject();
  Value r(f);
  bool has_default = p[0].is_bound() && !p[0].same(g_nothing);
  if (has_default && given(p[9]))
    raise_value_error("The `default` and `factory` arguments are mutually exclusive.");
  if (has_default) {
    if (type_of(p[0]) == g_factory_type) {
      auto* fo = static_cast<FactoryObject*>(p[0].object());
      f->factory = fo->factory;
      f->factory_takes_self = fo->takes_self;
    } else {
      f->default_ = p[0];
    }
  }
  if (given(p[9])) f->factory = p[9];
  if (given(p[1])) f->validator = p[1];
  f->repr = flag(p[2], true);
  f->compare = flag(p[11], flag(p[3], true));
  f->order = flag(p[12], f->compare);
  f->hash = p[4].is_bound() ? p[4] : Value::none();
  f->init = flag(p[5], true);
  if (given(p[6])) f->metadata = p[6];
  if (given(p[7])) f->type = p[7];
  if (given(p[8])) f->converter = p[8];
  f->kw_only = flag(p[10], false);
  f->counter = ++g_counter;
  return r;
}

struct AttrsOptions {
  record::Options rec;
  bool auto_attribs = false;
  bool kw_only = false;
};

Value process_class(const Value& cls_v, const AttrsOptions& o) {
  if (!is_type(cls_v)) raise_type_error("attrs() should be called on a class");
  TypeObject* cls = as_type(cls_v);
  // Own attributes.
  std::vector<Value> own;
  Value ann = dict_get(cls->dict, std::string_view("__annotations__"));
  if (o.auto_attribs) {
    if (ann.is_bound())
      for (auto& e : dict_table(ann).entries()) {
        if (!e.key.is_bound()) continue;
        Value v = dict_get(cls->dict, e.key);
        Value fv = v;
        if (!as_field(v)) {
          fv = c_attrib(CallArgs{});
          if (v.is_bound()) {
            KwArg kw{intern("default"), v};
            fv = c_attrib(CallArgs{nullptr, 0, &kw, 1});
          }
        }
        as_field(fv)->name = e.key;
        if (!as_field(fv)->type.is_bound()) as_field(fv)->type = e.value;
        own.push_back(fv);
      }
  } else {
    for (auto& e : dict_table(cls->dict).entries())
      if (e.key.is_bound() && as_field(e.value)) {
        as_field(e.value)->name = e.key;
        own.push_back(e.value);
      }
    std::stable_sort(own.begin(), own.end(),
                     [](const Value& x, const Value& y) { return as_field(x)->counter < as_field(y)->counter; });
  }
  for (const Value& fv : own) {
    if (o.kw_only) as_field(fv)->kw_only = true;
    if (as_field(dict_get(cls->dict, as_field(fv)->name))) dict_del(cls->dict, as_field(fv)->name);
  }
  // Inherited attributes (attrs collects them from the MRO, most basic class first).
  std::vector<Value> fields;
  auto taken = [&](const Value& name, const std::vector<Value>& in) {
    for (const Value& f : in)
      if (str_equal(as_field(f)->name, name)) return true;
    return false;
  };
  for (std::size_t i = cls->mro.size(); i-- > 1;) {
    Value base_attrs = dict_get(cls->mro[i]->dict, std::string_view("__attrs_attrs__"));
    if (!base_attrs.is_bound()) continue;
    for (const Value& f : tuple_items(base_attrs))
      if (!taken(as_field(f)->name, fields) && !taken(as_field(f)->name, own)) fields.push_back(f);
  }
  fields.insert(fields.end(), own.begin(), own.end());
  set_type_attr(cls, "__attrs_attrs__", make_tuple(fields));
  record::install_methods(cls, fields, o.rec);
  return cls_v;
}

AttrsOptions parse_options(const CallArgs& a) {
  Value p[11];
  CallArgs kw{nullptr, 0, a.kw, a.nkw};
  parse_args(kw, "attrs",
             {"repr", "cmp", "hash", "init", "slots", "frozen", "auto_attribs", "kw_only", "eq", "order", "str"}, 0, p);
  AttrsOptions o;
  o.rec.style = record::Style::Attrs;
  o.rec.repr = flag(p[0], true);
  o.rec.eq = flag(p[8], flag(p[1], true));
  o.rec.order = flag(p[9], o.rec.eq);
  o.rec.hash = !given(p[2]) ? record::Options::Hash::Auto
               : truthy(p[2]) ? record::Options::Hash::Add
                              : record::Options::Hash::Leave;
  o.rec.init = flag(p[3], true);
  o.rec.frozen = flag(p[5], false);
  o.rec.match_args = false;
  o.auto_attribs = flag(p[6], false);
  o.kw_only = flag(p[7], false);
  o.rec.frozen_error = g_frozen_error;
  return o;
}

Value attrs_wrap(const Value& kwargs, const CallArgs& a) {
  check_nargs(a, "attrs", 1, 1);
  std::vector<KwArg> kw;
  for (auto& e : dict_table(kwargs).entries())
    if (e.key.is_bound()) kw.emplace_back(e.key, e.value);
  return process_class(a[0], parse_options(CallArgs{nullptr, 0, kw.data(), kw.size()}));
}

Value c_attrs(const CallArgs& a) {
  if (a.npos > 1) raise_type_error("attrs() takes from 0 to 1 positional arguments but " + std::to_string(a.npos) +
                                   " were given");
  AttrsOptions o = parse_options(a);
  if (a.npos == 1 && !a[0].is_none()) return process_class(a[0], o);
  Value kwargs = make_dict();
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(kwargs, a.kw[i].first, a.kw[i].second);
  return make_native_function("wrap", &attrs_wrap, kwargs);
}

Value attrs_of(const Value& cls) { return is_type(cls) ? as_type(cls)->lookup(std::string_view("__attrs_attrs__")) : Value(); }

Value c_fields(const CallArgs& a) {
  check_nargs(a, "fields", 1, 1);
  if (!is_type(a[0])) raise_type_error("Passed object must be a class.");
  Value f = attrs_of(a[0]);
  if (!f.is_bound())
    raise_error(exc::TypeError, repr_std(a[0]) + " is not an attrs-decorated class.");
  return f;
}

Value convert(const Value& v, bool as_dict, bool recurse) {
  Value fs = attrs_of(Value::borrowed(type_of(v)));
  if (fs.is_bound()) {
    Value d = make_dict();
    std::vector<Value> items;
    for (const Value& fv : tuple_items(fs)) {
      Value x = getattr(v, as_field(fv)->name);
      if (recurse) x = convert(x, as_dict, recurse);
      if (as_dict) dict_setitem(d, as_field(fv)->name, x);
      else items.push_back(x);
    }
    return as_dict ? d : make_tuple(std::move(items));
  }
  if (!recurse) return v;
  TypeObject* t = type_of(v);
  if (t == list_type || t == tuple_type || t == set_type) {
    std::vector<Value> items;
    for (const Value& x : to_vector(v)) items.push_back(convert(x, as_dict, recurse));
    if (t == list_type) return make_list(std::move(items));
    if (t == tuple_type) return make_tuple(std::move(items));
    return call(Value::borrowed(t), {make_list(std::move(items))});
  }
  if (t == dict_type) {
    Value d = make_dict();
    for (auto& e : dict_table(v).entries())
      if (e.key.is_bound()) dict_setitem(d, convert(e.key, as_dict, recurse), convert(e.value, as_dict, recurse));
    return d;
  }
  return v;
}

Value convert_entry(const CallArgs& a, bool as_dict) {
  Value p[2];
  parse_args(a, as_dict ? "asdict" : "astuple", {"inst", "recurse"}, 1, p);
  if (!attrs_of(Value::borrowed(type_of(p[0]))).is_bound())
    raise_type_error(repr_std(Value::borrowed(type_of(p[0]))) + " is not an attrs-decorated class.");
  return convert(p[0], as_dict, flag(p[1], true));
}
Value c_asdict(const CallArgs& a) { return convert_entry(a, true); }
Value c_astuple(const CallArgs& a) { return convert_entry(a, false); }

// evolve(inst, **changes): a new instance with the init arguments (names without leading
// underscores) taken from inst unless changed.
Value c_evolve(const CallArgs& a) {
  check_nargs(a, "evolve", 1, 1);
  Value fs = attrs_of(Value::borrowed(type_of(a[0])));
  if (!fs.is_bound()) raise_type_error(repr_std(Value::borrowed(type_of(a[0]))) + " is not an attrs-decorated class.");
  Value changes = make_dict();
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(changes, a.kw[i].first, a.kw[i].second);
  for (const Value& fv : tuple_items(fs)) {
    FieldObject* f = as_field(fv);
    if (!f->init) continue;
    std::string n = str_data(f->name);
    Value key = intern(n.substr(std::min(n.find_first_not_of('_'), n.size())));
    if (!dict_get(changes, key).is_bound()) dict_setitem(changes, key, getattr(a[0], f->name));
  }
  return call_ex(Value::borrowed(type_of(a[0])), make_tuple({}), changes);
}

Value nothing_repr(const Value&) { return make_str("NOTHING"); }

}  // namespace

Value create_attr() {
  record::init_field_type("Field", "dataclasses");
  if (!g_frozen_error) {
    g_frozen_error = make_exception_type("FrozenInstanceError", exc::AttributeError, "attr.exceptions");
    g_factory_type = make_builtin_type("Factory", nullptr, "attr");
    TypeObject* nt = make_builtin_type("_Nothing", nullptr, "attr");
    nt->repr = &nothing_repr;
    g_nothing = Value(new Object(nt));
  }
  Value m = make_module("attr");
  for (const char* n : {"s", "attrs", "attributes"}) module_add_function(m, n, &c_attrs);
  for (const char* n : {"ib", "attrib", "attr"}) module_add_function(m, n, &c_attrib);
  module_add_function(m, "Factory", &c_factory);
  module_add_function(m, "fields", &c_fields);
  module_add_function(m, "asdict", &c_asdict);
  module_add_function(m, "astuple", &c_astuple);
  module_add_function(m, "evolve", &c_evolve);
  module_add(m, "NOTHING", g_nothing);
  Value exceptions = make_module("attr.exceptions");
  module_add(exceptions, "FrozenInstanceError", Value::borrowed(g_frozen_error));
  module_add(m, "exceptions", exceptions);
  return m;
}

}  // namespace aio
