// Shared pieces of the `enum` module: enum_module.cpp (base classes, metatype, member
// dunders), enum_members.cpp (class creation), enum_auto.cpp (auto, member, nonmember),
// enum_int.cpp (the int mixin), enum_flag.cpp (Flag, IntFlag, boundaries),
// enum_functional.cpp (Enum('Name', names)), enum_verify.cpp (unique, verify): the native
// base classes, how a member stores its name and value, and the data type a class mixes in.
//
// Design: members of plain and int-based enums are InstanceObjects whose dict holds
// `_name_` and `_value_`; members of str-based enums (StrEnum, `class E(str, Enum)`) are
// StrSubclassObjects (str.hpp), real str objects (the text is the value) that carry the same dict, so
// str methods, concatenation, comparison and hashing work on them unchanged.
#pragma once

#include "aio/object.hpp"
#include "aio/str.hpp"

namespace aio::enum_impl {

extern TypeObject* g_enum_meta;
extern TypeObject* g_enum;
extern TypeObject* g_repr_enum;
extern TypeObject* g_int_enum;
extern TypeObject* g_str_enum;
extern TypeObject* g_flag;
extern TypeObject* g_int_flag;
extern TypeObject* g_auto_type;
extern TypeObject* g_member_type;     // enum.member(x): make x a member even if callable
extern TypeObject* g_nonmember_type;  // enum.nonmember(x): keep x a plain attribute

// A member of a str-based enum: a str with an attribute dict.

inline TypeObject* as_type(const Value& v) { return static_cast<TypeObject*>(v.object()); }
Value intern_s(const char* s);

// What a class's members are besides enum members (CPython's _member_type_).
enum class DataType { Object, Int, Str };
DataType data_type(const TypeObject* cls);
// ReprEnum subclasses (IntEnum, StrEnum, IntFlag) keep the data type's str() and format().
bool is_repr_enum(const TypeObject* cls);
bool is_flag(const TypeObject* cls);

bool is_member(const Value& v);
Value member_value(const Value& m);
Value member_name(const Value& m);
// Creates a member of `cls` for `value` (already converted to the data type); `name` may be
// None for a Flag pseudo-member.
Value new_member(TypeObject* cls, const Value& name, const Value& value);
// The members in definition order (aliases and pseudo-members excluded).
std::vector<Value> members_of(TypeObject* cls);

// Class creation (enum_members.cpp): runs for every subclass of Enum.
void enum_class_created(TypeObject* cls);
// The functional API: Enum('Name', names).
Value functional_api(TypeObject* base, const CallArgs& a);
// Value lookup, `Color(1)`: the member, else the class's _missing_ hook, else ValueError.
Value lookup_value(TypeObject* cls, const Value& v);

// auto() and the member()/nonmember() wrappers (enum_auto.cpp).
void init_auto_types();
Value make_auto();
bool is_auto(const Value& v);
// The value of an auto() (or an expression of autos such as `R | W`), generated through
// `next_value(name)` the first time a bare auto() is met, as CPython's _EnumDict does.
using NextValueFn = Value (*)(void* ctx);
Value resolve_auto(const Value& v, NextValueFn next_value, void* ctx);

// unique and verify(*checks) (enum_verify.cpp); the checks are EnumCheck members.
Value enum_unique(const CallArgs& a);
Value enum_verify(const CallArgs& a);

// Flag and IntFlag (enum_flag.cpp).
Value flag_lookup(TypeObject* cls, const Value& v);
void install_flag_slots(TypeObject* cls);
void install_int_slots(TypeObject* cls);
Value unwrap_int(const Value& v);

}  // namespace aio::enum_impl
