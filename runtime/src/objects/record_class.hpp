// Shared machinery of `dataclasses` and `attr`: a field description (FieldObject) and the
// methods both decorators generate from an ordered list of fields (__init__, __repr__,
// __eq__, ordering, __hash__, frozen __setattr__/__delattr__).
//
// Design: the generated methods are ordinary callables stored in the class dict, so
// subclasses inherit them and user-defined methods of the same name win (the decorators
// only add what the class body does not define). __init__ is a real FunctionObject with a
// CodeInfo built at decoration time, so argument errors are CPython's
// ("P.__init__() missing 1 required positional argument: 'y'"); its closure cells carry
// the fields. The other methods are native methods whose `data` is the field tuple.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "aio/object.hpp"

namespace aio::record {

enum class Style : std::uint8_t { Dataclass, Attrs };

// One field: dataclasses.Field, or an attr.ib() (_CountingAttr) / attrs Attribute.
struct FieldObject : Object {
  Value name;       // str (Unbound until the decorator names it)
  Value type;       // the annotation, or None
  Value default_;   // Unbound = MISSING / NOTHING
  Value factory;    // Unbound = MISSING
  Value converter;  // attrs only; Unbound if none
  Value validator;  // attrs only; Unbound if none
  Value metadata;   // dict or Unbound
  Value hash;       // None or a bool
  bool init = true, repr = true, compare = true, order = true, kw_only = false;
  bool factory_takes_self = false;  // attr.Factory(f, takes_self=True)
  std::int64_t counter = 0;         // attrs definition order
  FieldObject();
};
extern TypeObject* field_type;  // created by init_field_type()
void init_field_type(const char* type_name, const char* module);
FieldObject* as_field(const Value& v);  // nullptr if v is not a FieldObject

// Sentinel default of __init__ parameters whose field has a default factory (`<factory>`).
Value factory_sentinel();

struct Options {
  Style style = Style::Dataclass;
  bool init = true, repr = true, eq = true, order = false, frozen = false;
  bool match_args = true;
  // dataclass: unsafe_hash. attrs: hash=True maps to add, hash=False to leave alone,
  // hash=None to the eq/frozen rule.
  enum class Hash : std::uint8_t { Auto, Add, Leave } hash = Hash::Auto;
  TypeObject* frozen_error = nullptr;  // FrozenInstanceError of the calling module
};

// Installs the generated methods on `cls` for `fields` (a vector of FieldObject Values in
// order). Raises CPython's / attrs' TypeErrors for conflicting user definitions.
void install_methods(TypeObject* cls, const std::vector<Value>& fields, const Options& opt);

// True if `t` instances are unhashable (type's __hash__ is None), as dataclasses checks
// for mutable defaults.
bool type_unhashable(TypeObject* t);

}  // namespace aio::record
