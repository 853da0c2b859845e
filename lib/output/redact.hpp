// --redact: takes the personal data of the people helped out of a record before it is printed or
// rendered, so that a report or a document can be sent outside the team.
//
// The pass works on field names, at any depth of the record (lists and nested objects included,
// and the `changes` of a journal entry), and is stable: the same input always gives the same
// output (no randomness, no numbering that depends on the run).
//
//   person names -> initials ("Ахметова Айгерим Сериковна" -> "А. А. С.", "Әбдіқызы Ұлжан" ->
//     "Ә. Ұ."): `name` (of a case, a household member, a case in `reassign`; NOT in an object that
//     also has a `login`, which is a staff member: `staff list`, `caseload`, a team member),
//     `case_name` (`plan tasks`, `due`), `family_member` (a plan task), `referrer` (the referring
//     person or agency, free text, so treated as a name), `participants` (each person at the plan
//     meeting; staff and family are not told apart there, so all become initials);
//   addresses -> a fixed placeholder in the output language: `address`;
//   phones -> every digit but the last two masked with '*': `phone` ("+7 701 555-12-34" ->
//     "+* *** ***-**-34");
//   other systems' ids (often a national id number) -> masked the same way: `external_id`;
//   birth dates -> the year only: `birth_date` ("1988-03-12" -> "1988");
//   notes -> null: `note` and every field ending in `_note`; the command line of a journal entry
//     (`command`), which quotes the values typed, -> null;
//   derived text that quotes the values above -> those values replaced by their redacted form:
//     `responsible` of a plan task ("семья: Ахметова Айгерим" -> "семья: А. А."), `summary` of a
//     journal entry ("address: OLD → NEW").
//
// Kept as they are: staff logins and names (case managers, workers, assessors, supervisors, team),
// agencies, districts, codes, dates other than birth dates, numbers, and free text other than
// notes (presenting problems, strengths, expectations, goals, tasks, decisions, reasons): free text
// is not rewritten, so a name written in it stays. A null stays null; an empty text stays empty.
#pragma once

#include "output/records.hpp"

#include <string>
#include <string_view>

namespace casectl::redact {

// The first letter of each word (words split on white space), in upper case, each followed by
// "." and separated by a space: "Ахметова Айгерим Сериковна" -> "А. А. С.". Letters are Unicode
// letters of any script (the text is NFC-normalised first, so a decomposed "Ё" counts as one
// letter); a word with no letter is left out. Invalid UTF-8 bytes are skipped.
std::string initials(std::string_view name);

// Every ASCII digit but the last two replaced with '*'; everything else kept.
std::string masked_digits(std::string_view phone);

// Every ASCII letter or digit but the last two replaced with '*'; everything else kept.
std::string masked_id(std::string_view id);

// The year of a YYYY-MM-DD date ("1988-03-12" -> "1988"); "" when it does not start with one.
std::string birth_year(std::string_view date);

// What an address becomes: "[адрес скрыт]" (ru), "[address withheld]" (en).
std::string address_placeholder(const std::string& language);

// Redacts `record` in place, as described above. `language` (ru or en) is that of the output.
void redact(Record& record, const std::string& language);

} // namespace casectl::redact
