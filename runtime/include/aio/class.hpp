// User classes: types created at run time from a class body, super(), property,
// staticmethod and classmethod.
//
// Design: make_class computes the C3 MRO, picks the "solid" builtin base whose instance
// layout the class uses (object -> InstanceObject, BaseException -> ExceptionObject,
// ...), copies the namespace into the type's dict and installs dispatcher slots that find
// dunder methods (__repr__, __eq__, __len__, __iter__, __call__, ...) along the MRO and
// otherwise fall back to the builtin base's slot. Instances are created by the type's call
// slot: __new__ (object's allocates the solid layout) then __init__.
#pragma once

#include "aio/object.hpp"

namespace aio {

// class NAME(*bases, **kw): body  ->  make_class(name, bases tuple, namespace dict, qualname,
// kw dict or unbound). As type.__new__: __set_name__ on the namespace's descriptors, then the
// nearest base's __init_subclass__(**kw) (object's refuses keywords).
Value make_class(const Value& name, const Value& bases_tuple, const Value& namespace_dict,
                 const Value& qualname, const Value& class_kwargs = Value());
// super() inside a method of `type` with first argument `self` (or the class for
// classmethods).
Value super_(const Value& type, const Value& self);
Value make_property(const Value& fget, const Value& fset = Value(), const Value& fdel = Value());
Value make_staticmethod(const Value& f);
Value make_classmethod(const Value& f);
// True if attribute access on instances of `t` is generic_getattr (type dict, instance
// dict, descriptors) -- also for user classes whose builtin base uses it -- so callers may
// look a method up on the type themselves.
bool uses_generic_getattr(const TypeObject* t) noexcept;
// Allocates an uninitialised instance of `type` using its builtin base's layout.
Value alloc_instance(TypeObject* type);
std::vector<TypeObject*> compute_mro(TypeObject* type);  // C3; TypeError on conflicts
// Native metaclasses (enum's EnumType): a class statement whose base has metatype `meta`
// gets `meta` as its type, then `hook(new_class, class_kwargs)` runs (after __set_name__,
// before __init_subclass__). class_kwargs is the class statement's keyword dict (Unbound
// if none); the hook removes the keywords the metaclass consumes (enum's `boundary=`).
using MetatypeHook = void (*)(TypeObject* cls, const Value& class_kwargs);
void set_metatype_hook(TypeObject* meta, MetatypeHook hook);

}  // namespace aio
