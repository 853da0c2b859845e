// Text helpers for UTF-8 strings: validation, display width, case folding, suggestions.
// Domain-free: nothing here knows about cases.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace casectl::text {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view s);

// Where the first byte that is not well-formed UTF-8 stands in `s` (0 for the first byte), or
// std::string_view::npos when all of it is.
std::size_t first_invalid_utf8(std::string_view s);

// Columns a terminal uses to show `s`: Cyrillic letters take 1, CJK and most emoji 2,
// combining marks 0. Invalid bytes count 1 each. Control characters count 0.
std::size_t display_width(std::string_view s);

// Unicode case folding (NFC result): "СЕМЁНОВА" and "семёнова" fold alike, Kazakh
// "ӘҒҚҢӨҰҮҺІ" fold to "әғқңөұүһі". Invalid UTF-8 is returned unchanged.
std::string casefold(std::string_view s);

// Removes ASCII and Unicode white space from both ends.
std::string trim(std::string_view s);

// Splits on `separator`, keeping empty fields ("a;;b" gives 3 parts, "" gives 1 empty part).
std::vector<std::string> split(std::string_view s, char separator);

// The values of a repeatable option, each of which may hold several, comma-separated:
// {"intake,assessment", "active"} -> {"intake", "assessment", "active"}. Blank parts are dropped.
std::vector<std::string> spread_values(const std::vector<std::string>& values);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// A key whose byte order is the alphabetical order of people's names: case ignored, the
// Russian and Kazakh Cyrillic alphabet in its own order (а ә б в г ғ д е ё ж з и й к қ л м н ң
// о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы і ь э ю я), Latin and digits before Cyrillic.
std::string sort_key(std::string_view s);

// Edit distance counted in code points, after case folding: insertions, deletions, substitutions
// and transpositions of two neighbouring letters each count one ("lsit" is 1 from "list", 2 from
// "init"). Optimal string alignment: a transposed pair is not edited again.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `input` when it is close enough to be a likely typo
// (distance 1 for words of up to three letters, at most 2 or a third of the input's length for longer ones), or else the first
// candidate sharing the input's first five letters, or else one that holds the whole input (for
// inputs of five letters or more: "police" suggests "juvenile-police"); nullopt otherwise.
std::optional<std::string> closest(std::string_view input, const std::vector<std::string>& candidates);

// " (did you mean 'X'?)" when closest() finds X, otherwise "". For the end of an error message.
std::string did_you_mean(std::string_view input, const std::vector<std::string>& candidates);

// A yes or a no as people write it: yes y true 1 да иә / no n false 0 нет жоқ (any case,
// white space around ignored); nullopt for anything else.
std::optional<bool> parse_yes_no(std::string_view value);

} // namespace casectl::text
