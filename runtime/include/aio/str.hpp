// str: immutable UTF-8 text with code-point semantics.
//
// Design: the bytes are stored as UTF-8 in a std::string together with the code-point
// length (computed once) and an ASCII flag: ASCII strings index in O(1), others walk the
// UTF-8 (Korean text in the seeds is short). Literals are interned by str_lit, so
// attribute names compare by pointer first. The hash is cached.
#pragma once

#include <string>
#include <string_view>

#include "aio/object.hpp"

namespace aio {

struct StrObject : Object {
  std::string data;   // UTF-8
  std::int64_t length = 0;  // code points
  bool ascii = true;
  bool interned = false;
  mutable std::int64_t hash_cache = -1;
  StrObject() : Object(str_type) {}
};

// An instance of a str subclass (class Name(str), StrEnum members): real str text plus an
// attribute dict. Keeps its class alive, as alloc_instance does for other instances.
struct StrSubclassObject : StrObject {
  Value dict;
  explicit StrSubclassObject(TypeObject* cls);
  Value* instance_dict() noexcept override { return &dict; }
};

Value str_lit(const char* text, std::size_t len);  // interned literal (text: static storage)
// The interned str of a NUL-terminated string literal (or any text with static storage
// that never changes), found by address after the first call.
Value str_static(const char* literal);
Value make_str(std::string_view utf8);
Value make_str(std::string&& utf8);
inline Value make_str(const char* utf8) { return make_str(std::string_view(utf8)); }
inline Value make_str(const std::string& utf8) { return make_str(std::string_view(utf8)); }
Value intern(std::string_view utf8);
inline bool is_str(const Value& v) { return v.is_object() && v.object()->type == str_type; }
bool is_str_like(const Value& v);  // str or subclass
inline StrObject* as_str(const Value& v) { return static_cast<StrObject*>(v.object()); }
// The UTF-8 text of a str Value (precondition: is_str_like).
inline const std::string& str_data(const Value& v) { return as_str(v)->data; }
std::string_view str_view(const Value& v);
std::int64_t str_hash(const Value& v);
bool str_equal(const Value& a, const Value& b);  // both str
Value str_concat(const Value& a, const Value& b);

// repr with CPython's quote choice and escapes.
std::string str_repr(std::string_view utf8, bool ascii_only = false);
// Code point helpers.
std::int64_t utf8_length(std::string_view s, bool* ascii = nullptr);
std::size_t utf8_offset(const StrObject* s, std::int64_t index);  // byte offset of code point
void append_utf8(std::string& out, std::uint32_t cp);
std::uint32_t decode_utf8(std::string_view s, std::size_t& i);

// C++ conveniences.
std::string to_std_string(const Value& v);  // str(v) as UTF-8
std::string repr_std(const Value& v);       // repr(v) as UTF-8

// bytes (minimal).
struct BytesObject : Object {
  std::string data;
  BytesObject() : Object(bytes_type) {}
};
inline bool is_bytes_like(const Value& v) { return v.is_object() && v.object()->type->is_subtype_of(bytes_type); }
inline const std::string& bytes_data(const Value& v) { return static_cast<BytesObject*>(v.object())->data; }
Value bytes_lit(const char* data, std::size_t len);
Value make_bytes(std::string data);

}  // namespace aio
