#include "unicode_props.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>

#include "aio/str.hpp"

namespace aio::unicode {

namespace {

struct CaseRange {
  char32_t first, last;
  int stride;
  int upper, lower, title;  // deltas
};
struct SpecialCase {
  char32_t cp;
  char32_t upper[3], lower[3], title[3];  // 0-padded
};

struct FoldCase {
  char32_t cp;
  char32_t fold[3];
};

#include "unicode_tables.inc"

}  // namespace

std::uint16_t props(char32_t cp) {
  if (cp >= 0x110000) return 0;
  std::size_t block = kPropIndex1[cp >> kShift];
  return kPropBits[kPropBlocks[block * kBlock + (cp & (kBlock - 1))]];
}

void append_case(std::string& out, char32_t cp, CaseKind kind) {
  if (kind == CaseKind::Fold) {
    auto f = std::lower_bound(std::begin(kFoldCases), std::end(kFoldCases), cp,
                              [](const FoldCase& x, char32_t c) { return x.cp < c; });
    if (f != std::end(kFoldCases) && f->cp == cp) {
      for (int i = 0; i < 3 && f->fold[i]; ++i) append_utf8(out, f->fold[i]);
      return;
    }
    kind = CaseKind::Lower;
  }
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (kind == CaseKind::Lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    else c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    out += c;
    return;
  }
  auto sp = std::lower_bound(std::begin(kSpecialCases), std::end(kSpecialCases), cp,
                             [](const SpecialCase& s, char32_t c) { return s.cp < c; });
  if (sp != std::end(kSpecialCases) && sp->cp == cp) {
    const char32_t* m = kind == CaseKind::Upper ? sp->upper : kind == CaseKind::Lower ? sp->lower : sp->title;
    for (int i = 0; i < 3 && m[i]; ++i) append_utf8(out, m[i]);
    return;
  }
  auto r = std::upper_bound(std::begin(kCaseRanges), std::end(kCaseRanges), cp,
                            [](char32_t c, const CaseRange& x) { return c < x.first; });
  char32_t mapped = cp;
  if (r != std::begin(kCaseRanges)) {
    --r;
    if (cp <= r->last && (cp - r->first) % static_cast<char32_t>(r->stride) == 0) {
      int delta = kind == CaseKind::Upper ? r->upper : kind == CaseKind::Lower ? r->lower : r->title;
      mapped = static_cast<char32_t>(static_cast<std::int64_t>(cp) + delta);
    }
  }
  append_utf8(out, mapped);
}

}  // namespace aio::unicode
