// The functional API: Enum('Color', 'RED GREEN'), ('A, B'), ['A', 'B'], [('A', 1), ...] or
// {'A': 1, ...}, with the keywords module, qualname, type, start and boundary (accepted,
// without effect: aioc's flags keep their class's boundary). Bare names get their values
// from the base's _generate_next_value_ (1, 2, 3...; flags 1, 2, 4...; StrEnum the
// lower-cased names), as EnumType._create_ does.
#include "aio/call.hpp"
#include "aio/class.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/tuple.hpp"
#include "enum_internal.hpp"

namespace aio::enum_impl {
namespace {

struct Options {
  Value name, names, module, qualname, type, start, boundary;
};

Options parse(TypeObject* base, const CallArgs& a) {
  Value p[7];
  parse_args(a, "__call__", {"value", "names", "module", "qualname", "type", "start", "boundary"}, 1, p);
  if (!p[1].is_bound() || p[1].is_none())
    raise_type_error(base->name + "() takes one value to look up, or a class name and its member names");
  return Options{p[0], p[1], p[2], p[3], p[4], p[5].is_bound() ? p[5] : Value::from_int(1), p[6]};
}

// 'A B', 'A, B' -> ['A', 'B']
Value split_names(const Value& names) {
  std::string spec = str_data(names);
  for (char& c : spec)
    if (c == ',') c = ' ';
  return call_method(make_str(spec), intern_s("split"), {});
}

void add_generated(TypeObject* base, const Value& ns, const std::vector<Value>& names, const Value& start) {
  Value gnv = base->lookup(intern_s("_generate_next_value_"));
  if (type_of(gnv) == staticmethod_type) gnv = getattr(gnv, "__func__");
  std::vector<Value> last;
  for (std::size_t i = 0; i < names.size(); ++i) {
    Value v = call(gnv, {names[i], start, Value::from_int(static_cast<std::int64_t>(i)), make_list(last)});
    last.push_back(v);
    dict_setitem(ns, names[i], v);
  }
}

}  // namespace

Value functional_api(TypeObject* base, const CallArgs& a) {
  Options o = parse(base, a);
  Value names = is_str(o.names) ? split_names(o.names) : o.names;
  Value ns = make_dict();
  dict_setitem(ns, intern_s("__module__"), o.module.is_bound() && !o.module.is_none() ? o.module : make_str("__main__"));
  dict_setitem(ns, intern_s("__qualname__"), o.qualname.is_bound() && !o.qualname.is_none() ? o.qualname : o.name);
  if (o.boundary.is_bound() && !o.boundary.is_none()) dict_setitem(ns, intern_s("_boundary_"), o.boundary);
  if (is_dict_like(names)) {
    dict_update(ns, names);
  } else {
    std::vector<Value> items = to_vector(names);
    if (!items.empty() && is_str_like(items[0])) {
      add_generated(base, ns, items, o.start);
    } else {
      for (const Value& item : items) {
        std::vector<Value> pair = to_vector(item);
        if (pair.size() != 2) raise_type_error("enum members must be names or (name, value) pairs");
        dict_setitem(ns, pair[0], pair[1]);
      }
    }
  }
  Value bases = o.type.is_bound() && !o.type.is_none() ? make_tuple({o.type, Value::borrowed(base)})
                                                        : make_tuple({Value::borrowed(base)});
  return make_class(o.name, bases, ns, dict_get(ns, intern_s("__qualname__")));
}

}  // namespace aio::enum_impl
