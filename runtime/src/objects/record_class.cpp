// The methods dataclasses and attrs generate (see record_class.hpp). Texts follow
// CPython's Lib/dataclasses.py and attrs' _make.py.
#include "record_class.hpp"

#include <algorithm>
#include <memory>

#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/function.hpp"
#include "aio/int.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio::record {

TypeObject* field_type = nullptr;
static TypeObject* g_sentinel_type = nullptr;

FieldObject::FieldObject() : Object(field_type), hash(Value::none()) {}

FieldObject* as_field(const Value& v) {
  if (!field_type || !v.is_object() || v.object()->type != field_type) return nullptr;
  return static_cast<FieldObject*>(v.object());
}

static Value sentinel_repr(const Value&) { return make_str("<factory>"); }

Value factory_sentinel() {
  static Value s;
  if (!s.is_bound()) {
    g_sentinel_type = make_builtin_type("_HAS_DEFAULT_FACTORY_CLASS", nullptr, "dataclasses");
    g_sentinel_type->repr = &sentinel_repr;
    s = Value(new Object(g_sentinel_type));
  }
  return s;
}

// ---- Field attributes --------------------------------------------------------------------
static Value missing_or(const Value& v) { return v.is_bound() ? v : getattr(import_module("dataclasses"), "MISSING"); }

static Value field_getattr(const Value& self, const Value& name) {
  auto* f = static_cast<FieldObject*>(self.object());
  std::string_view n = str_view(name);
  if (n == "name") return f->name.is_bound() ? f->name : Value::none();
  if (n == "type") return f->type.is_bound() ? f->type : Value::none();
  if (n == "default") return missing_or(f->default_);
  if (n == "default_factory") return missing_or(f->factory);
  if (n == "init") return Value(f->init);
  if (n == "repr") return Value(f->repr);
  if (n == "compare" || n == "eq") return Value(f->compare);
  if (n == "order") return Value(f->order);
  if (n == "hash") return f->hash;
  if (n == "kw_only") return Value(f->kw_only);
  if (n == "metadata") return f->metadata.is_bound() ? f->metadata : make_dict();
  if (n == "converter") return f->converter.is_bound() ? f->converter : Value::none();
  if (n == "validator") return f->validator.is_bound() ? f->validator : Value::none();
  return generic_getattr(self, name);
}

static Value field_repr(const Value& self) {
  auto* f = static_cast<FieldObject*>(self.object());
  return make_str("Field(name=" + repr_std(field_getattr(self, intern("name"))) + ",type=" +
                  repr_std(field_getattr(self, intern("type"))) + ",default=" + repr_std(missing_or(f->default_)) +
                  ",default_factory=" + repr_std(missing_or(f->factory)) + ",init=" + (f->init ? "True" : "False") +
                  ",repr=" + (f->repr ? "True" : "False") + ",hash=" + repr_std(f->hash) +
                  ",compare=" + (f->compare ? "True" : "False") + ")");
}

void init_field_type(const char* type_name, const char* module) {
  if (field_type) return;
  field_type = make_builtin_type(type_name, nullptr, module);
  field_type->getattr = &field_getattr;
  field_type->repr = &field_repr;
}

bool type_unhashable(TypeObject* t) {
  // Heap classes say so in their dict; the first builtin class in the MRO by its hash slot
  // (object's __hash__ method would otherwise hide list's missing one).
  for (TypeObject* m : t->mro) {
    if (!m->is_heap) return m->hash == nullptr;
    Value h = dict_get(m->dict, std::string_view("__hash__"));
    if (h.is_bound()) return h.is_none();
  }
  return false;
}

// ---- shared helpers ----------------------------------------------------------------------
static std::vector<Value> field_values(const Value& self, const Value& fields) {
  std::vector<Value> out;
  for (const Value& fv : tuple_items(fields)) out.push_back(getattr(self, as_field(fv)->name));
  return out;
}

static bool defines(TypeObject* cls, const char* name) { return dict_get(cls->dict, std::string_view(name)).is_bound(); }

static Value make_method(TypeObject* cls, const char* name, NativeDataFn fn, Value data) {
  Value m = make_native_function(name, fn, std::move(data));
  auto* nf = static_cast<NativeFunctionObject*>(m.object());
  nf->is_method = true;
  nf->qualname = cls->qualname + "." + name;
  return m;
}

// Holds what one class's __init__ needs: its CodeInfo (with stable parameter strings).
struct InitCode {
  std::string name = "__init__", qualname;
  std::vector<std::string> params;
  CodeInfo code{};
};

// The field list and options travel in the __init__ closure: cells[0] = tuple of fields,
// cells[1] = style (0 dataclass, 1 attrs), cells[2] = frozen, cells[3] = parameter slots.
static Value init_entry(FunctionObject* fn, Value* slots) {
  const Value& self = slots[0];
  const auto& fields = tuple_items(fn->cells[0]);
  bool attrs = to_i64(fn->cells[1]) == 1;
  bool frozen = truthy(fn->cells[2]);
  const auto& slot_of = tuple_items(fn->cells[3]);
  std::size_t i = 0;
  std::vector<std::pair<FieldObject*, Value>> validate;
  for (const Value& fv : fields) {
    FieldObject* f = as_field(fv);
    std::int64_t slot = to_i64(slot_of[i++]);
    Value v;
    if (f->init) {
      v = slots[slot];
      if (f->factory.is_bound() && v.same(factory_sentinel()))
        v = f->factory_takes_self ? call(f->factory, {self}) : call(f->factory, {});
    } else if (f->factory.is_bound()) {
      v = f->factory_takes_self ? call(f->factory, {self}) : call(f->factory, {});
    } else if (attrs && f->default_.is_bound()) {
      v = f->default_;
    } else {
      continue;  // dataclasses: the class attribute holds the default
    }
    if (attrs && f->converter.is_bound()) v = call(f->converter, {v});
    if (frozen) generic_setattr(self, f->name, v);
    else setattr(self, f->name, v);
    if (attrs && f->validator.is_bound()) validate.emplace_back(f, v);
  }
  for (auto& [f, v] : validate) call(f->validator, {self, Value::borrowed(f), v});
  Value post = type_of(self)->lookup(std::string_view(attrs ? "__attrs_post_init__" : "__post_init__"));
  if (post.is_bound()) call_method(self, intern(attrs ? "__attrs_post_init__" : "__post_init__"), {});
  return Value::none();
}

static std::string init_param_name(const FieldObject* f, Style style) {
  std::string n = str_data(f->name);
  if (style == Style::Attrs) n.erase(0, n.find_first_not_of('_'));  // attrs strips leading underscores
  return n;
}

static Value make_init(TypeObject* cls, const std::vector<Value>& fields, const Options& opt) {
  // Lives as long as the class (classes are never freed) once the function exists; freed if
  // the fields are rejected first.
  auto owned = std::make_unique<InitCode>();
  InitCode* ic = owned.get();
  ic->qualname = cls->qualname + ".__init__";
  ic->params.push_back("self");
  std::vector<Value> defaults;
  Value kwdefaults = make_dict();
  std::vector<FieldObject*> positional, kwonly;
  for (const Value& fv : fields) {
    FieldObject* f = as_field(fv);
    if (f->init) (f->kw_only ? kwonly : positional).push_back(f);
  }
  bool seen_default = false;
  for (FieldObject* f : positional) {
    bool has_default = f->default_.is_bound() || f->factory.is_bound();
    if (has_default) {
      seen_default = true;
      defaults.push_back(f->factory.is_bound() ? factory_sentinel() : f->default_);
    } else if (seen_default) {
      if (opt.style == Style::Dataclass)
        raise_type_error("non-default argument " + repr_std(f->name) + " follows default argument");
      raise_value_error("No mandatory attributes allowed after an attribute with a default value or factory.  "
                        "Attribute in question: " + str_data(f->name));
    }
    ic->params.push_back(init_param_name(f, opt.style));
  }
  for (FieldObject* f : kwonly) {
    ic->params.push_back(init_param_name(f, opt.style));
    if (f->default_.is_bound() || f->factory.is_bound())
      dict_setitem(kwdefaults, intern(ic->params.back()),
                   f->factory.is_bound() ? factory_sentinel() : f->default_);
  }
  // Fields are assigned in declaration order; cells[3] maps each to its parameter slot
  // (positional fields first, then keyword-only ones; -1 for init=False fields).
  std::vector<Value> slot_of;
  for (const Value& fv : fields) {
    FieldObject* f = as_field(fv);
    std::int64_t s = -1;
    if (f->init) {
      auto& group = f->kw_only ? kwonly : positional;
      s = 1 + std::int64_t(std::find(group.begin(), group.end(), f) - group.begin()) +
          (f->kw_only ? std::int64_t(positional.size()) : 0);
    }
    slot_of.push_back(Value::from_int(s));
  }
  CodeInfo& c = ic->code;
  c.name = ic->name.c_str();
  c.qualname = ic->qualname.c_str();
  c.filename = "<string>";
  c.first_line = 1;
  c.kind = CodeInfo::Plain;
  for (const std::string& p : ic->params) c.params.push_back(p.c_str());
  c.n_posonly = 0;
  c.n_positional = static_cast<int>(1 + positional.size());
  c.n_kwonly = static_cast<int>(kwonly.size());
  c.vararg = nullptr;
  c.kwarg = nullptr;
  c.entry = &init_entry;
  Value kwd = dict_size(kwdefaults) ? kwdefaults : Value();
  Value init = make_function(&c, defaults.empty() ? Value() : make_tuple(std::move(defaults)), kwd,
                             {make_tuple(fields), Value::from_int(std::int64_t(opt.style == Style::Attrs ? 1 : 0)),
                              Value(opt.frozen), make_tuple(std::move(slot_of))});
  owned.release();  // the function's CodeInfo points into it from now on
  return init;
}

// ---- __repr__ ----------------------------------------------------------------------------
// data = (fields tuple, style int). Recursive references print "..." as reprlib does.
static Value repr_fn(const Value& data, const CallArgs& a) {
  check_nargs(a, "__repr__", 1, 1);
  static std::vector<const Object*> in_progress;
  const Value& self = a[0];
  if (std::find(in_progress.begin(), in_progress.end(), self.object()) != in_progress.end()) return make_str("...");
  in_progress.push_back(self.object());
  struct Pop {
    ~Pop() { in_progress.pop_back(); }
  } pop;
  const auto& d = tuple_items(data);
  std::string name = type_of(self)->qualname;
  if (to_i64(d[1]) == 1) {
    std::size_t p = name.rfind(">.");
    if (p != std::string::npos) name = name.substr(p + 2);
  }
  std::string s = name + "(";
  bool first = true;
  for (const Value& fv : tuple_items(d[0])) {
    FieldObject* f = as_field(fv);
    if (!first) s += ", ";
    first = false;
    s += str_data(f->name) + "=" + repr_std(getattr(self, f->name));
  }
  return make_str(s + ")");
}

// ---- comparisons -------------------------------------------------------------------------
// data = (fields tuple, CompareOp as int).
static Value compare_fn(const Value& data, const CallArgs& a) {
  check_nargs(a, "comparison", 2, 2);
  const auto& d = tuple_items(data);
  if (type_of(a[1]) != type_of(a[0])) return not_implemented();
  Value l = make_tuple(field_values(a[0], d[0])), r = make_tuple(field_values(a[1], d[0]));
  return compare(l, r, static_cast<CompareOp>(to_i64(d[1])));
}

static Value hash_fn(const Value& fields, const CallArgs& a) {
  check_nargs(a, "__hash__", 1, 1);
  return Value::from_int(hash(make_tuple(field_values(a[0], fields))));
}

// ---- frozen ------------------------------------------------------------------------------
// data = (cls, field names tuple, error type, style int).
static void frozen_check(const Value& data, const Value& self, const Value& name, bool assign) {
  const auto& d = tuple_items(data);
  bool is_field = false;
  for (const Value& n : tuple_items(d[1])) is_field = is_field || str_equal(n, name);
  if (!(type_of(self) == static_cast<TypeObject*>(d[0].object()) || is_field)) return;
  auto* err = static_cast<TypeObject*>(d[2].object());
  if (to_i64(d[3]) == 1) raise_error(err, "can't set attribute");
  raise_error(err, std::string(assign ? "cannot assign to field " : "cannot delete field ") + repr_std(name));
}
static Value frozen_setattr(const Value& data, const CallArgs& a) {
  check_nargs(a, "__setattr__", 3, 3);
  frozen_check(data, a[0], a[1], true);
  generic_setattr(a[0], a[1], a[2]);
  return Value::none();
}
static Value frozen_delattr(const Value& data, const CallArgs& a) {
  check_nargs(a, "__delattr__", 2, 2);
  frozen_check(data, a[0], a[1], false);
  generic_setattr(a[0], a[1], Value());
  return Value::none();
}

// ---- installation ------------------------------------------------------------------------
static Value select(const std::vector<Value>& fields, bool (*keep)(const FieldObject*)) {
  std::vector<Value> out;
  for (const Value& f : fields)
    if (keep(as_field(f))) out.push_back(f);
  return make_tuple(std::move(out));
}

void install_methods(TypeObject* cls, const std::vector<Value>& fields, const Options& opt) {
  if (opt.init && !defines(cls, "__init__")) set_type_attr(cls, "__init__", make_init(cls, fields, opt));
  if (opt.repr && !defines(cls, "__repr__")) {
    Value data = make_tuple({select(fields, [](const FieldObject* f) { return f->repr; }),
                             Value::from_int(std::int64_t(opt.style == Style::Attrs ? 1 : 0))});
    set_type_attr(cls, "__repr__", make_method(cls, "__repr__", &repr_fn, data));
  }
  Value cmp_fields = select(fields, [](const FieldObject* f) { return f->compare; });
  if (opt.eq && !defines(cls, "__eq__")) {
    set_type_attr(cls, "__eq__",
                  make_method(cls, "__eq__", &compare_fn, make_tuple({cmp_fields, Value::from_int(std::int64_t(CompareOp::Eq))})));
    if (opt.style == Style::Attrs && !defines(cls, "__ne__"))
      set_type_attr(cls, "__ne__", make_method(cls, "__ne__", &compare_fn,
                                               make_tuple({cmp_fields, Value::from_int(std::int64_t(CompareOp::Ne))})));
  }
  if (opt.order) {
    Value ord_fields = opt.style == Style::Attrs ? select(fields, [](const FieldObject* f) { return f->order; })
                                                 : cmp_fields;
    static const std::pair<const char*, CompareOp> ops[] = {
        {"__lt__", CompareOp::Lt}, {"__le__", CompareOp::Le}, {"__gt__", CompareOp::Gt}, {"__ge__", CompareOp::Ge}};
    for (auto [name, op] : ops) {
      if (defines(cls, name)) {
        if (opt.style == Style::Dataclass)
          raise_type_error(std::string("Cannot overwrite attribute ") + name + " in class " + cls->name +
                           ". Consider using functools.total_ordering");
        continue;
      }
      set_type_attr(cls, name, make_method(cls, name, &compare_fn, make_tuple({ord_fields, Value::from_int(std::int64_t(op))})));
    }
  }
  if (opt.frozen) {
    std::vector<Value> names;
    for (const Value& f : fields) names.push_back(as_field(f)->name);
    Value data = make_tuple({Value::borrowed(cls), make_tuple(std::move(names)), Value::borrowed(opt.frozen_error),
                             Value::from_int(std::int64_t(opt.style == Style::Attrs ? 1 : 0))});
    if (opt.style == Style::Dataclass && (defines(cls, "__setattr__") || defines(cls, "__delattr__")))
      raise_type_error(std::string("Cannot overwrite attribute ") +
                       (defines(cls, "__setattr__") ? "__setattr__" : "__delattr__") + " in class " + cls->name);
    set_type_attr(cls, "__setattr__", make_method(cls, "__setattr__", &frozen_setattr, data));
    set_type_attr(cls, "__delattr__", make_method(cls, "__delattr__", &frozen_delattr, data));
  }
  // __hash__ (dataclasses' _hash_action table; attrs' hash=None/True/False).
  Value class_hash = dict_get(cls->dict, std::string_view("__hash__"));
  bool explicit_hash = class_hash.is_bound() && !(class_hash.is_none() && defines(cls, "__eq__"));
  if (opt.style == Style::Attrs && class_hash.is_none()) explicit_hash = false;
  Value hash_fields = select(fields, [](const FieldObject* f) { return f->hash.is_none() ? f->compare : truthy(f->hash); });
  auto add_hash = [&] { set_type_attr(cls, "__hash__", make_method(cls, "__hash__", &hash_fn, hash_fields)); };
  if (opt.hash == Options::Hash::Add) {
    if (explicit_hash && opt.style == Style::Dataclass)
      raise_type_error("Cannot overwrite attribute __hash__ in class " + cls->name);
    add_hash();
  } else if (opt.hash == Options::Hash::Auto && opt.eq && !explicit_hash) {
    if (opt.frozen) add_hash();
    else set_type_attr(cls, "__hash__", Value::none());
  }
  if (opt.style == Style::Dataclass && opt.match_args && !defines(cls, "__match_args__")) {
    std::vector<Value> names;
    for (const Value& f : fields)
      if (as_field(f)->init && !as_field(f)->kw_only) names.push_back(as_field(f)->name);
    set_type_attr(cls, "__match_args__", make_tuple(std::move(names)));
  }
}

}  // namespace aio::record
