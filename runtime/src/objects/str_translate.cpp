// str.maketrans (a static method) and str.translate.
#include "aio/builtins.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"

namespace aio {
namespace {

std::vector<std::uint32_t> code_points(const std::string& s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) out.push_back(decode_utf8(s, i));
  return out;
}

Value m_maketrans(const CallArgs& a) {
  check_nargs(a, "maketrans", 1, 3);
  Value table = make_dict();
  if (a.npos == 1) {
    if (!is_dict_like(a[0])) raise_type_error("if you give only one argument to maketrans it must be a dict");
    for (auto& e : dict_table(a[0]).entries()) {
      if (!e.key.is_bound()) continue;
      Value key = e.key;
      if (is_str_like(key)) {
        std::vector<std::uint32_t> cps = code_points(str_data(key));
        if (cps.size() != 1) raise_value_error("string keys in translate table must be of length 1");
        key = Value::from_int(cps[0]);
      } else if (!is_int_like(key)) {
        raise_type_error("keys in translate table must be strings or integers");
      }
      dict_setitem(table, key, e.value);
    }
    return table;
  }
  if (!is_str_like(a[0])) raise_type_error("maketrans() argument 1 must be str, not " + type_of(a[0])->name);
  if (!is_str_like(a[1])) raise_type_error("maketrans() argument 2 must be str, not " + type_of(a[1])->name);
  std::vector<std::uint32_t> from = code_points(str_data(a[0])), to = code_points(str_data(a[1]));
  if (from.size() != to.size()) raise_value_error("the first two maketrans arguments must have equal length");
  for (std::size_t i = 0; i < from.size(); ++i) dict_setitem(table, Value::from_int(from[i]), Value::from_int(to[i]));
  if (a.npos == 3) {
    if (!is_str_like(a[2])) raise_type_error("maketrans() argument 3 must be str, not " + type_of(a[2])->name);
    for (std::uint32_t c : code_points(str_data(a[2]))) dict_setitem(table, Value::from_int(c), Value::none());
  }
  return table;
}

// Each character is looked up as table[ord(c)]: LookupError keeps it, None deletes it, an
// int or a str replaces it.
Value m_translate(const CallArgs& a) {
  check_nargs(a, "translate", 2, 2);
  const std::string& s = str_data(a[0]);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    std::uint32_t c = decode_utf8(s, i);
    Value mapped;
    try {
      mapped = getitem(a[1], Value::from_int(c));
    } catch (const PyException& e) {
      if (!isinstance_of(e.value(), exc::LookupError)) throw;
      out.append(s, start, i - start);
      continue;
    }
    if (mapped.is_none()) continue;
    if (is_str_like(mapped)) {
      out += str_data(mapped);
    } else if (is_int_like(mapped)) {
      std::int64_t cp = to_i64(mapped);
      if (cp < 0 || cp > 0x10ffff) raise_value_error("character mapping must be in range(0x110000)");
      append_utf8(out, static_cast<std::uint32_t>(cp));
    } else {
      raise_type_error("character mapping must return integer, None or str");
    }
  }
  return make_str(std::move(out));
}

}  // namespace

void init_str_translate(TypeObject* t) {
  add_static_method(t, "maketrans", &m_maketrans);
  add_method(t, "translate", &m_translate);
}

}  // namespace aio
