// The `dataclasses` module: dataclass (bare or with options), field, fields, asdict,
// astuple, replace, is_dataclass, MISSING, FrozenInstanceError. Field order is the order
// of the class body's annotations (codegen fills __annotations__ in source order), after
// the fields of dataclass bases (CPython's _process_class). Not supported: InitVar,
// ClassVar detection, slots=True (accepted, but instances keep a __dict__).
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
Value g_missing;

bool is_type(const Value& v) { return v.is_object() && v.object()->type->is_subtype_of(type_type); }
TypeObject* as_type(const Value& v) { return static_cast<TypeObject*>(v.object()); }

bool flag(const Value& v, bool dflt) { return v.is_bound() ? truthy(v) : dflt; }
bool is_missing(const Value& v) { return !v.is_bound() || v.same(g_missing); }

// field(*, default, default_factory, init, repr, hash, compare, metadata, kw_only)
Value c_field(const CallArgs& a) {
  if (a.npos) raise_type_error("field() takes 0 positional arguments but " + std::to_string(a.npos) + " were given");
  Value p[8];
  parse_args(a, "field", {"default", "default_factory", "init", "repr", "hash", "compare", "metadata", "kw_only"}, 0, p);
  if (!is_missing(p[0]) && !is_missing(p[1])) raise_value_error("cannot specify both default and default_factory");
  auto* f = new FieldObject();
  Value r(f);
  if (!is_missing(p[0])) f->default_ = p[0];
  if (!is_missing(p[1])) f->factory = p[1];
  f->init = flag(p[2], true);
  f->repr = flag(p[3], true);
  f->hash = p[4].is_bound() ? p[4] : Value::none();
  f->compare = flag(p[5], true);
  if (p[6].is_bound() && !p[6].is_none()) f->metadata = p[6];
  f->kw_only = !is_missing(p[7]) && truthy(p[7]);
  f->counter = is_missing(p[7]) ? -1 : 0;  // -1: kw_only not given, the class default applies
  return r;
}

Value fields_dict(const Value& cls_or_obj) {
  return getattr_or(cls_or_obj, intern("__dataclass_fields__"), Value());
}

struct DcOptions {
  record::Options rec;
  bool kw_only = false;
};

Value process_class(const Value& cls_v, const DcOptions& o) {
  if (!is_type(cls_v)) raise_type_error("dataclass() should be called on a class");
  TypeObject* cls = as_type(cls_v);
  if (o.rec.order && !o.rec.eq) raise_value_error("eq must be true if order is true");
  Value all = make_dict();  // name -> Field, bases first
  bool has_dataclass_bases = false, any_frozen_base = false;
  for (std::size_t i = cls->mro.size(); i-- > 1;) {
    TypeObject* b = cls->mro[i];
    Value bf = dict_get(b->dict, std::string_view("__dataclass_fields__"));
    if (!bf.is_bound()) continue;
    has_dataclass_bases = true;
    for (auto& e : dict_table(bf).entries())
      if (e.key.is_bound()) dict_setitem(all, e.key, e.value);
    Value params = dict_get(b->dict, std::string_view("__dataclass_frozen__"));
    if (params.is_bound() && truthy(params)) any_frozen_base = true;
  }
  Value ann = dict_get(cls->dict, std::string_view("__annotations__"));
  if (ann.is_bound()) {
    for (auto& e : dict_table(ann).entries()) {
      if (!e.key.is_bound()) continue;
      Value dflt = cls->lookup(e.key);
      Value fv;
      if (as_field(dflt)) {
        fv = dflt;
      } else {
        auto* f = new FieldObject();
        fv = Value(f);
        f->counter = -1;
        if (dflt.is_bound()) f->default_ = dflt;
      }
      FieldObject* f = as_field(fv);
      f->name = e.key;
      f->type = e.value;
      if (f->counter == -1) f->kw_only = o.kw_only;
      if (f->default_.is_bound() && record::type_unhashable(type_of(f->default_)))
        raise_value_error("mutable default " + repr_std(Value::borrowed(type_of(f->default_))) + " for field " +
                          str_data(f->name) + " is not allowed: use default_factory");
      dict_setitem(all, e.key, fv);
      // The class attribute keeps the plain default; a Field object is replaced or removed.
      if (as_field(dict_get(cls->dict, e.key))) {
        if (f->default_.is_bound()) dict_setitem(cls->dict, e.key, f->default_);
        else dict_del(cls->dict, e.key);
      }
    }
  }
  for (auto& e : dict_table(cls->dict).entries())
    if (e.key.is_bound() && as_field(e.value) && !(ann.is_bound() && dict_get(ann, e.key).is_bound()))
      raise_type_error(repr_std(e.key) + " is a field but has no type annotation");
  if (has_dataclass_bases) {
    if (any_frozen_base && !o.rec.frozen) raise_type_error("cannot inherit non-frozen dataclass from a frozen one");
    if (!any_frozen_base && o.rec.frozen) raise_type_error("cannot inherit frozen dataclass from a non-frozen one");
  }
  set_type_attr(cls, "__dataclass_fields__", all);
  set_type_attr(cls, "__dataclass_frozen__", Value(o.rec.frozen));
  std::vector<Value> fields;
  for (auto& e : dict_table(all).entries())
    if (e.key.is_bound()) fields.push_back(e.value);
  record::install_methods(cls, fields, o.rec);
  return cls_v;
}

DcOptions parse_options(const CallArgs& a, std::size_t first_kw) {
  (void)first_kw;
  Value p[11];
  CallArgs kw{nullptr, 0, a.kw, a.nkw};
  parse_args(kw, "dataclass",
             {"init", "repr", "eq", "order", "unsafe_hash", "frozen", "match_args", "kw_only", "slots", "weakref_slot",
              "cls"},
             0, p);
  DcOptions o;
  o.rec.style = record::Style::Dataclass;
  o.rec.init = flag(p[0], true);
  o.rec.repr = flag(p[1], true);
  o.rec.eq = flag(p[2], true);
  o.rec.order = flag(p[3], false);
  o.rec.hash = flag(p[4], false) ? record::Options::Hash::Add : record::Options::Hash::Auto;
  o.rec.frozen = flag(p[5], false);
  o.rec.match_args = flag(p[6], true);
  o.kw_only = flag(p[7], false);
  o.rec.frozen_error = g_frozen_error;
  return o;
}

// The decorator returned by dataclass(**options): data is the original call's kwargs dict.
Value dataclass_wrap(const Value& kwargs, const CallArgs& a) {
  check_nargs(a, "dataclass", 1, 1);
  std::vector<KwArg> kw;
  for (auto& e : dict_table(kwargs).entries())
    if (e.key.is_bound()) kw.emplace_back(e.key, e.value);
  return process_class(a[0], parse_options(CallArgs{nullptr, 0, kw.data(), kw.size()}, 0));
}

Value c_dataclass(const CallArgs& a) {
  if (a.npos > 1) raise_type_error("dataclass() takes from 0 to 1 positional arguments but " +
                                   std::to_string(a.npos) + " were given");
  DcOptions o = parse_options(a, 0);
  if (a.npos == 1 && !a[0].is_none()) return process_class(a[0], o);
  Value kwargs = make_dict();
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(kwargs, a.kw[i].first, a.kw[i].second);
  return make_native_function("wrap", &dataclass_wrap, kwargs);
}

std::vector<Value> field_list(const Value& cls_or_obj) {
  Value d = fields_dict(cls_or_obj);
  std::vector<Value> out;
  for (auto& e : dict_table(d).entries())
    if (e.key.is_bound()) out.push_back(e.value);
  return out;
}

Value c_fields(const CallArgs& a) {
  check_nargs(a, "fields", 1, 1);
  if (!fields_dict(a[0]).is_bound()) raise_type_error("must be called with a dataclass type or instance");
  return make_tuple(field_list(a[0]));
}

bool is_dataclass_instance(const Value& v) { return !is_type(v) && fields_dict(v).is_bound(); }

Value c_is_dataclass(const CallArgs& a) {
  check_nargs(a, "is_dataclass", 1, 1);
  return Value(fields_dict(a[0]).is_bound());
}

// asdict/astuple's recursion (_asdict_inner): dataclass instances, namedtuples, lists,
// tuples and dicts are rebuilt; other values are shared (CPython deep-copies them, which
// only matters for mutable non-container values).
Value convert(const Value& v, bool as_dict) {
  if (is_dataclass_instance(v)) {
    std::vector<Value> items;
    Value d = make_dict();
    for (const Value& fv : field_list(v)) {
      Value x = convert(getattr(v, as_field(fv)->name), as_dict);
      if (as_dict) dict_setitem(d, as_field(fv)->name, x);
      else items.push_back(x);
    }
    return as_dict ? d : make_tuple(std::move(items));
  }
  TypeObject* t = type_of(v);
  if (is_list_like(v) || is_tuple_like(v)) {
    std::vector<Value> items;
    for (const Value& x : to_vector(v)) items.push_back(convert(x, as_dict));
    if (t == list_type) return make_list(std::move(items));
    if (t == tuple_type) return make_tuple(std::move(items));
    if (t->lookup(std::string_view("_fields")).is_bound()) return call_vector(Value::borrowed(t), items);
    return call(Value::borrowed(t), {make_list(std::move(items))});
  }
  if (is_dict_like(v)) {
    Value d = t == dict_type ? make_dict() : call(Value::borrowed(t), {});
    for (auto& e : dict_table(v).entries())
      if (e.key.is_bound()) setitem(d, convert(e.key, as_dict), convert(e.value, as_dict));
    return d;
  }
  return v;
}

Value c_asdict(const CallArgs& a) {
  check_nargs(a, "asdict", 1, 1);
  if (!is_dataclass_instance(a[0])) raise_type_error("asdict() should be called on dataclass instances");
  return convert(a[0], true);
}

Value c_astuple(const CallArgs& a) {
  check_nargs(a, "astuple", 1, 1);
  if (!is_dataclass_instance(a[0])) raise_type_error("astuple() should be called on dataclass instances");
  return convert(a[0], false);
}

Value c_replace(const CallArgs& a) {
  check_nargs(a, "replace", 1, 1);
  if (!is_dataclass_instance(a[0])) raise_type_error("replace() should be called on dataclass instances");
  Value changes = make_dict();
  for (std::size_t i = 0; i < a.nkw; ++i) dict_setitem(changes, a.kw[i].first, a.kw[i].second);
  for (const Value& fv : field_list(a[0])) {
    FieldObject* f = as_field(fv);
    if (!f->init) {
      if (dict_get(changes, f->name).is_bound())
        raise_value_error("field " + str_data(f->name) +
                          " is declared with init=False, it cannot be specified with replace()");
      continue;
    }
    if (!dict_get(changes, f->name).is_bound()) dict_setitem(changes, f->name, getattr(a[0], f->name));
  }
  return call_ex(Value::borrowed(type_of(a[0])), make_tuple({}), changes);
}

Value missing_repr(const Value&) { return make_str("<dataclasses._MISSING_TYPE object>"); }

}  // namespace

Value create_dataclasses() {
  record::init_field_type("Field", "dataclasses");
  if (!g_frozen_error) {
    g_frozen_error = make_exception_type("FrozenInstanceError", exc::AttributeError, "dataclasses");
    TypeObject* mt = make_builtin_type("_MISSING_TYPE", nullptr, "dataclasses");
    mt->repr = &missing_repr;
    g_missing = Value(new Object(mt));
  }
  Value m = make_module("dataclasses");
  module_add_function(m, "dataclass", &c_dataclass);
  module_add_function(m, "field", &c_field);
  module_add_function(m, "fields", &c_fields);
  module_add_function(m, "asdict", &c_asdict);
  module_add_function(m, "astuple", &c_astuple);
  module_add_function(m, "replace", &c_replace);
  module_add_function(m, "is_dataclass", &c_is_dataclass);
  module_add(m, "MISSING", g_missing);
  module_add(m, "Field", Value::borrowed(record::field_type));
  module_add(m, "FrozenInstanceError", Value::borrowed(g_frozen_error));
  return m;
}

}  // namespace aio
