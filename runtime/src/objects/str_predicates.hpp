// The str.is*() methods, Unicode-aware (str_predicates.cpp).
#pragma once

#include "aio/object.hpp"

namespace aio {

void add_str_predicates(TypeObject* t);

}  // namespace aio
