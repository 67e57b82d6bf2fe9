// Implementation of suggest.hpp; the algorithm is described there.
#include "sema/suggest.hpp"

#include <algorithm>

namespace aioc::sema {
namespace {

constexpr std::size_t kMoveCost = 2;   // insert, delete or replace a character
constexpr std::size_t kCaseCost = 1;   // replace a letter by its other case
constexpr std::size_t kMaxStringSize = 40;     // longer names are never compared
constexpr std::size_t kMaxCandidates = 750;    // CPython gives up on bigger namespaces

std::size_t substitution_cost(char a, char b) {
  if (a == b) return 0;
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
  return lower(a) == lower(b) ? kCaseCost : kMoveCost;
}

}  // namespace

std::size_t suggestion_distance(std::string_view a, std::string_view b, std::size_t max_cost) {
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxStringSize || b.size() > kMaxStringSize) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  // One row of the classic matrix, updated in place: row[i] = cost(b[:j], a[:i+1]).
  std::vector<std::size_t> row(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) row[i] = (i + 1) * kMoveCost;
  std::size_t result = 0;
  for (std::size_t j = 0; j < b.size(); ++j) {
    std::size_t diagonal = j * kMoveCost;
    result = diagonal;
    std::size_t minimum = SIZE_MAX;
    for (std::size_t i = 0; i < a.size(); ++i) {
      std::size_t substitute = diagonal + substitution_cost(b[j], a[i]);
      diagonal = row[i];
      result = std::min(std::min(result, diagonal) + kMoveCost, substitute);
      row[i] = result;
      minimum = std::min(minimum, result);
    }
    if (minimum > max_cost) return max_cost + 1;
  }
  return result;
}

std::optional<std::string> suggest_name(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  if (candidates.size() >= kMaxCandidates) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_distance = SIZE_MAX;
  for (const auto& item : candidates) {
    if (item == name) continue;
    std::size_t max_distance = (name.size() + item.size() + 3) * kMoveCost / 6;
    max_distance = std::min(max_distance, best_distance - 1);
    std::size_t d = suggestion_distance(name, item, max_distance);
    if (d > max_distance) continue;
    if (!best || d < best_distance) {
      best = item;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace aioc::sema
