// Search keys: one spelling for names however they were typed. Domain-free.
//
// Names of the same person reach casectl in Cyrillic (Russian, Kazakh) and in Latin letters from
// passports and other systems, in any case, with or without ё, й, ь. search_key() reduces all of
// them to one ASCII skeleton, so that equal keys mean "probably the same name":
//   "Семёнова" -> "semenova",   "Semyonova" -> "semenova",
//   "Ахметов"  -> "ahmetov",    "Akhmetov"  -> "ahmetov",
//   "Жұмабаева" -> "zhumabaeva", "Jumabayeva" -> "zhumabaeva",
//   "Наталья"  -> "natalia",    "Natal’ya"  -> "natalia",
//   "Шыңғыс"   -> "shingis",    "Şyñğys"    -> "shingis",
//   "Подъячев" -> "podiachev",  "PODIEIACHEV" -> "podiachev",
//   "Хрущёв"   -> "hrushev",    "Xrushhyov" -> "hrushev".
// The rules, in order:
// - the Kazakh Latin letters of 2021 spelled out: ş -> sh, ç -> ch, ı -> i (and ș as ş); then case
//   folding and removal of diacritics (ё -> е, й -> и, ä ö ü ū ğ ñ İ -> a o u u g n i);
// - an apostrophe, quote or backtick between two letters (' ’ ‘ ” “ " ` ´ ʼ ʹ ʺ ″ ′: BGN/PCGN and
//   the passports of 1997 write ь and ъ so, GOST 7.79 B writes ь ъ ы э with them) is dropped: the
//   word goes on; anywhere else it separates words, as anything but letters and digits does;
// - Cyrillic (with Kazakh ә ғ қ ң ө ұ ү һ і) transliterated to Latin (ь and ъ to nothing);
// - in each Latin word, the letters whose sound depends on the scheme: j before a vowel -> zh,
//   j anywhere else -> i (GOST's й); x before a consonant -> h (GOST's х), else ks; cz -> ts,
//   ck -> k, c before e i y -> ts, other c (not ch) -> k;
// - then on both scripts alike w -> v, q -> k, dzh -> zh, shch -> sh, gh -> g, kh -> h, yo/ye -> e,
//   ya -> ia, yu -> iu, y -> i; ICAO's ъ (ie before ia, iu, ie, e) dropped: iei -> i, iee -> e;
//   and doubled letters made single (not digits).
// Words are separated by one space.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace casectl::text {

std::string search_key(std::string_view text);

// Every word of search_key(text) with the other readings of its ambiguous Latin letters, for
// what a user types to search: j before a vowel also as y (Julia is Юлия as well as Жулия,
// Natalja Наталья), x before a vowel also as h, before a consonant also as ks (Mixail, Axenov),
// and c (not ch, cz, ck) also as the other of k and ts (GOST's Cvetkova). Element i holds word i
// of search_key(text) first, then its other readings, distinct, at most 8 in all (the first three
// ambiguous letters of a word are read both ways, the rest as search_key reads them). Stored text
// is keyed by search_key alone: a query finds a stored word when one of its readings is a prefix.
std::vector<std::vector<std::string>> search_key_readings(std::string_view text);

// The digits of a phone number, at most the last 10 ("+7 (701) 123-45-67" and "8 701 1234567"
// both give "7011234567"); "" when there are fewer than 5 digits.
std::string phone_key(std::string_view phone);

} // namespace casectl::text
