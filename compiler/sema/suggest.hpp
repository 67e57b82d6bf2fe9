// "Did you mean ...?" for undefined names, following CPython 3.11's NameError suggestions
// (Python/suggestions.c): a Levenshtein distance where a case flip costs 1 and any other
// edit 2, a candidate accepted only if at most about a third of the characters change,
// the closest candidate winning and the first one seen winning ties.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aioc::sema {

// The weighted edit distance, or max_cost + 1 as soon as it must exceed max_cost.
std::size_t suggestion_distance(std::string_view a, std::string_view b, std::size_t max_cost);

// The best candidate for `name`, or nothing when none is close enough.
std::optional<std::string> suggest_name(std::string_view name,
                                        const std::vector<std::string>& candidates);

}  // namespace aioc::sema
