// str core: creation, interning, UTF-8 helpers, repr, hashing and the type's slots.
#include "aio/str.hpp"

#include <string_view>
#include <unordered_map>

#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/tuple.hpp"

namespace aio {

std::uint32_t decode_utf8(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { ++i; return c; }
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  std::uint32_t cp = c & (0x3F >> n);
  ++i;
  for (int k = 0; k < n && i < s.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return cp;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::int64_t utf8_length(std::string_view s, bool* ascii) {
  std::int64_t n = 0;
  bool all_ascii = true;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
    if (c >= 0x80) all_ascii = false;
  }
  if (ascii) *ascii = all_ascii;
  return n;
}

std::size_t utf8_offset(const StrObject* s, std::int64_t index) {
  if (s->ascii) return static_cast<std::size_t>(index);
  std::size_t i = 0;
  const std::string& d = s->data;
  for (std::int64_t k = 0; k < index && i < d.size(); ++k) {
    ++i;
    while (i < d.size() && (static_cast<unsigned char>(d[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

static Value new_str(std::string&& data) {
  auto* s = new StrObject();
  s->data = std::move(data);
  s->length = utf8_length(s->data, &s->ascii);
  return Value(s);
}

Value make_str(std::string&& utf8) { return new_str(std::move(utf8)); }
Value make_str(std::string_view utf8) { return new_str(std::string(utf8)); }

static std::unordered_map<std::string_view, StrObject*>& intern_table() {
  static auto* table = new std::unordered_map<std::string_view, StrObject*>();
  return *table;
}

Value intern(std::string_view utf8) {
  auto& table = intern_table();
  auto it = table.find(utf8);
  if (it != table.end()) return Value::borrowed(it->second);
  Value v = make_str(utf8);
  auto* s = as_str(v);
  s->interned = true;
  Value::incref(s);  // the table's reference: interned strings are immortal
  table.emplace(std::string_view(s->data), s);
  return v;
}

// Literal caches: a string literal's address identifies its text for the whole run, so
// the interned str is found by pointer (no hashing of the text on hot runtime paths).
namespace {
struct LiteralSlot {
  const char* text = nullptr;
  StrObject* str = nullptr;  // interned, hence immortal
};
constexpr std::size_t kLiteralSlots = 512;
std::size_t literal_slot(const char* text) {
  return (reinterpret_cast<std::uintptr_t>(text) >> 3) & (kLiteralSlots - 1);
}
}  // namespace

Value str_lit(const char* text, std::size_t len) {
  static LiteralSlot slots[kLiteralSlots];  // under the runtime lock, like every Value
  LiteralSlot& c = slots[literal_slot(text)];
  if (c.text == text && c.str->data.size() == len) return Value::borrowed(c.str);
  runtime_init();
  Value v = intern(std::string_view(text, len));
  c.text = text;
  c.str = as_str(v);
  return v;
}

Value str_static(const char* literal) {
  static LiteralSlot slots[kLiteralSlots];  // under the runtime lock, like every Value
  LiteralSlot& c = slots[literal_slot(literal)];
  if (c.text == literal) return Value::borrowed(c.str);
  runtime_init();
  Value v = intern(literal);
  c.text = literal;
  c.str = as_str(v);
  return v;
}

StrSubclassObject::StrSubclassObject(TypeObject* cls) {
  type = cls;
  Value::incref(cls);
}

bool is_str_like(const Value& v) { return v.is_object() && v.object()->type->is_subtype_of(str_type); }

std::string_view str_view(const Value& v) { return as_str(v)->data; }

std::int64_t str_hash(const Value& v) {
  StrObject* s = as_str(v);
  if (s->hash_cache != -1) return s->hash_cache;
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : s->data) h = (h ^ c) * 1099511628211ull;
  std::int64_t r = static_cast<std::int64_t>(h >> 1);
  if (r == -1) r = -2;
  s->hash_cache = r;
  return r;
}

bool str_equal(const Value& a, const Value& b) {
  StrObject* x = as_str(a);
  StrObject* y = as_str(b);
  if (x == y) return true;
  if (x->interned && y->interned) return false;
  return x->data == y->data;
}

Value str_concat(const Value& a, const Value& b) {
  std::string r;
  r.reserve(str_data(a).size() + str_data(b).size());
  r += str_data(a);
  r += str_data(b);
  return make_str(std::move(r));
}

static bool is_printable(std::uint32_t cp) {
  if (cp < 0x20 || cp == 0x7F) return false;
  if (cp >= 0x80 && cp < 0xA0) return false;
  if (cp == 0xAD) return false;
  if (cp >= 0xD800 && cp < 0xE000) return false;
  if (cp == 0x2028 || cp == 0x2029 || (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF) return false;
  if (cp >= 0xE000 && cp < 0xF900) return false;  // private use
  if (cp == 0x3000 || cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
      cp == 0x202F || cp == 0x205F)
    return false;  // separators (Zs other than ASCII space)
  return true;
}

static void append_hex_escape(std::string& out, std::uint32_t cp) {
  static const char* digits = "0123456789abcdef";
  if (cp < 0x100) {
    out += "\\x";
    out += digits[cp >> 4];
    out += digits[cp & 15];
  } else if (cp < 0x10000) {
    out += "\\u";
    for (int s = 12; s >= 0; s -= 4) out += digits[(cp >> s) & 15];
  } else {
    out += "\\U";
    for (int s = 28; s >= 0; s -= 4) out += digits[(cp >> s) & 15];
  }
}

std::string str_repr(std::string_view s, bool ascii_only) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  out.reserve(s.size() + 2);
  out += quote;
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = decode_utf8(s, i);
    if (cp == static_cast<std::uint32_t>(quote) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x80 ? (cp < 0x20 || cp == 0x7F) : (ascii_only || !is_printable(cp))) {
      append_hex_escape(out, cp);
    } else {
      append_utf8(out, cp);
    }
  }
  out += quote;
  return out;
}

// ---- slots ------------------------------------------------------------------------------

static Value str_repr_slot(const Value& self) { return make_str(str_repr(str_data(self))); }
static Value str_str_slot(const Value& self) {
  if (is_str(self)) return self;
  return make_str(str_data(self));
}
static std::int64_t str_hash_slot(const Value& self) { return str_hash(self); }

static Value str_compare_slot(const Value& a, const Value& b, CompareOp op) {
  if (!is_str_like(a) || !is_str_like(b)) return Value();
  if (op == CompareOp::Eq) return Value(str_equal(a, b));
  if (op == CompareOp::Ne) return Value(!str_equal(a, b));
  int c = str_data(a).compare(str_data(b));  // UTF-8 byte order == code point order
  return compare_sign(c, op);
}

static Value str_repeat(const Value& s, const Value& n) {
  std::int64_t count = index_value(n);
  std::string r;
  if (count > 0) {
    r.reserve(str_data(s).size() * count);
    for (std::int64_t i = 0; i < count; ++i) r += str_data(s);
  }
  return make_str(std::move(r));
}

Value percent_format(const Value& fmt, const Value& args);  // format.cpp

static Value str_binary_slot(const Value& a, const Value& b, BinaryOp op) {
  if (op == BinaryOp::Add) {
    if (is_str_like(a) && is_str_like(b)) return str_concat(a, b);
    if (is_str_like(a))
      raise_type_error("can only concatenate str (not \"" + type_of(b)->name + "\") to str");
    return Value();
  }
  if (op == BinaryOp::Mul) {
    if (is_str_like(a) && is_int_like(b)) return str_repeat(a, b);
    if (is_str_like(b) && is_int_like(a)) return str_repeat(b, a);
    return Value();
  }
  if (op == BinaryOp::Mod && is_str_like(a)) return percent_format(a, b);
  return Value();
}

static std::int64_t str_len_slot(const Value& self) { return as_str(self)->length; }

std::size_t utf8_offset_from(const StrObject* s, std::size_t start, std::int64_t count);

static Value str_substring(StrObject* s, std::int64_t from, std::int64_t to) {
  std::size_t a = utf8_offset(s, from);
  std::size_t b = s->ascii ? static_cast<std::size_t>(to) : a + utf8_offset_from(s, a, to - from);
  return make_str(std::string_view(s->data).substr(a, b - a));
}

static Value str_getitem_slot(const Value& self, const Value& key) {
  StrObject* s = as_str(self);
  if (key.is_object() && key.object()->type == slice_type) {
    std::int64_t start, stop, step;
    std::int64_t n = slice_indices(key, s->length, start, stop, step);
    if (step == 1) return n <= 0 ? str_lit("", 0) : str_substring(s, start, start + n);
    std::string r;
    for (std::int64_t k = 0, i = start; k < n; ++k, i += step) {
      std::size_t off = utf8_offset(s, i);
      std::size_t p = off;
      decode_utf8(s->data, p);
      r.append(s->data, off, p - off);
    }
    return make_str(std::move(r));
  }
  std::int64_t i = normalize_index(key, s->length, "string");
  return str_substring(s, i, i + 1);
}

static bool str_contains_slot(const Value& self, const Value& item) {
  if (!is_str_like(item))
    raise_type_error("'in <string>' requires string as left operand, not " + type_of(item)->name);
  return str_data(self).find(str_data(item)) != std::string::npos;
}

static bool str_truthy_slot(const Value& self) { return !str_data(self).empty(); }

struct StrIterator : Object {
  Value str;
  std::size_t pos = 0;
  StrIterator(Value s) : Object(iterator_type), str(std::move(s)) {}
};

static bool str_iter_next(const Value& self, Value& out) {
  auto* it = static_cast<StrIterator*>(self.object());
  const std::string& d = str_data(it->str);
  if (it->pos >= d.size()) return false;
  std::size_t start = it->pos;
  decode_utf8(d, it->pos);
  out = make_str(std::string_view(d).substr(start, it->pos - start));
  return true;
}

Value make_native_iterator(Object* it, NextSlot next);  // iterators.cpp

static Value str_iter_slot(const Value& self) { return make_native_iterator(new StrIterator(self), &str_iter_next); }

Value str_new(TypeObject* type, const CallArgs& args);  // str_methods.cpp

void init_str_slots() {
  TypeObject* t = str_type;
  t->repr = &str_repr_slot;
  t->str = &str_str_slot;
  t->hash = &str_hash_slot;
  t->compare = &str_compare_slot;
  t->binary = &str_binary_slot;
  t->len = &str_len_slot;
  t->getitem = &str_getitem_slot;
  t->contains = &str_contains_slot;
  t->truthy = &str_truthy_slot;
  t->iter = &str_iter_slot;
  t->new_ = &str_new;
}

std::size_t utf8_offset_from(const StrObject* s, std::size_t start, std::int64_t count) {
  const std::string& d = s->data;
  std::size_t i = start;
  for (std::int64_t k = 0; k < count && i < d.size(); ++k) {
    ++i;
    while (i < d.size() && (static_cast<unsigned char>(d[i]) & 0xC0) == 0x80) ++i;
  }
  return i - start;
}

// ---- bytes (minimal) ----------------------------------------------------------------------

Value make_bytes(std::string data) {
  auto* b = new BytesObject();
  b->data = std::move(data);
  return Value(b);
}

Value bytes_lit(const char* data, std::size_t len) {
  runtime_init();
  return make_bytes(std::string(data, len));
}

}  // namespace aio
