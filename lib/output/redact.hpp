// --redact: takes the people helped out of a record before it is printed or rendered, so that a
// report or a document can be sent outside the team. docs/reports.md (--redact) is the user's
// description; redact_fields.hpp is the one list of fields and what each is.
//
// The pass works on field names (redact_fields.hpp: classify), at any depth of the record (lists
// and nested objects included, and the `changes` of a journal entry), and is stable: the same
// input always gives the same output (no randomness, no numbering that depends on the run).
//
//   person names -> initials ("Ахметова Айгерим Сериковна" -> "А. А. С.", "Әбдіқызы Ұлжан" ->
//     "Ә. Ұ."): `name` (not in an object with a `login`: a staff member), `case_name`,
//     `family_member`, `referrer`, `participants`;
//   addresses -> a fixed placeholder in the output language: `address`;
//   phones -> every digit but the last two masked with '*': `phone` ("+7 701 555-12-34" ->
//     "+* *** ***-**-34");
//   other systems' ids (often a national id number) -> masked the same way: `external_id`;
//   birth dates -> the year only: `birth_date` ("1988-03-12" -> "1988");
//   free text (problems, notes, roles, the assessment's texts, goals, tasks, decisions, reasons;
//     free_text_fields() and every field named *note*, *reason*, *description*; any field the
//     list does not know; the command line of a journal entry) -> the placeholder
//     hidden_placeholder(): "[скрыто]" / "[redacted]", each text of a list alike, unless
//     Policy::keep names the field (the command line is never kept); then the text stays with the
//     people of the case masked in it (mask.hpp: masked_text);
//   derived text that quotes the values above -> those values replaced by their redacted form, and
//     then the people masked in it: `responsible` of a plan task ("семья: Ахметова Айгерим" ->
//     "семья: А. А."), `summary` of a journal entry ("address: OLD → NEW").
//
// The people masked in kept text are those the record itself names (the values of the person,
// address, phone, id and birth-date fields anywhere in it) and those the caller adds (`known`:
// for a plan or an assessment, whose records do not hold the household, the case's people).
//
// Kept as they are: staff logins and names (case managers, workers, assessors, supervisors, team),
// agencies, districts, codes, labels from the config, dates other than birth dates, numbers. A null
// stays null; an empty text stays empty.
#pragma once

#include "output/mask.hpp"
#include "output/records.hpp"

#include <string>
#include <string_view>
#include <vector>

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

// What hidden free text becomes: "[скрыто]" (ru), "[redacted]" (en).
std::string hidden_placeholder(const std::string& language);

// How to redact.
struct Policy {
  std::string language = "ru";   // of the placeholders: ru, kk or en
  std::vector<std::string> keep; // free-text fields kept, with people masked (config redact.keep)
};

// The people `record` names: the values of its person, address, phone, id and birth-date fields,
// at any depth (staff names are not people of the case).
People people_in(const Record& record);

// Redacts `record` in place, as described above; `known` adds people to mask in kept text.
void redact(Record& record, const Policy& policy, const People& known = {});

// The same with nothing kept: redact(record, Policy{language}).
void redact(Record& record, const std::string& language);

} // namespace casectl::redact
