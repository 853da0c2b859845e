// Search keys: one spelling for names however they were typed. Domain-free.
//
// Names of the same person reach casectl in Cyrillic (Russian, Kazakh) and in Latin letters from
// passports and other systems, in any case, with or without ё, й, ь. search_key() reduces all of
// them to one ASCII skeleton, so that equal keys mean "probably the same name":
//   "Семёнова" -> "semenova",   "Semyonova" -> "semenova",
//   "Ахметов"  -> "ahmetov",    "Akhmetov"  -> "ahmetov",
//   "Жұмабаева" -> "zhumabaeva", "Jumabayeva" -> "zhumabaeva",
//   "Наталья"  -> "natalia",    "Natalya"   -> "natalia".
// The rules: case folding and removal of diacritics (ё -> е); Cyrillic (with Kazakh ә ғ қ ң ө ұ ү
// һ і) transliterated to Latin; then, on both scripts alike, x -> ks, w -> v, q -> k, j -> zh,
// shch -> sh, kh -> h, yo/ye -> e, ya -> ia, yu -> iu, y -> i, and doubled letters made single.
// Words are separated by one space; anything but letters and digits separates words.
#pragma once

#include <string>
#include <string_view>

namespace casectl::text {

std::string search_key(std::string_view text);

// The digits of a phone number, at most the last 10 ("+7 (701) 123-45-67" and "8 701 1234567"
// both give "7011234567"); "" when there are fewer than 5 digits.
std::string phone_key(std::string_view phone);

} // namespace casectl::text
