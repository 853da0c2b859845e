// Masking the people of a case inside free text, for the free-text fields that `redact.keep` keeps
// under --redact: "Сидорову звонила Ольга, тел. 8 701 123 45 67" -> "С. звонила О., тел.
// * *** *** ** 67". Domain-free apart from knowing Russian and Kazakh names and addresses.
//
// What is matched (everything case-insensitively, ё read as е):
//
// Names. Each word of each known name (household members, the case's name, the referrer, the
// family members of tasks, the participants of a plan meeting) is matched in its grammatical forms.
// A word is a run of letters (and combining marks); anything else, hyphens included, separates
// words. The rule:
//   - ENDINGS is the list k_endings in mask.cpp: Russian noun, adjective and surname case endings
//     (а я у ю е и ы о ь й ой ей ою ею ом ем ым им ами ями ах ях ых их ыми ими ий ый ая яя ое ее
//     ую юю ого его ому ему) and Kazakh case and plural suffixes (ның нің дың дің тың тің ға ге қа
//     ке на не ны ні ды ді ты ті да де та те нда нде дан ден тан тен нан нен мен бен пен лар лер
//     дар дер тар тер).
//   - The STEMS of a name word are the word itself and the word with any one ending of ENDINGS
//     removed from its end, when at least k_min_stem (3) letters remain.
//   - A word of the text is a FORM of the name word when it is a stem followed by nothing or by one
//     ending of ENDINGS. So "Сидоров" matches Сидоров, Сидорова, Сидорову, Сидоровым, Сидорове,
//     Сидоровы, Сидоровых; "Петрова" (stem петров) Петровой, Петрову; "Ольга" (stem ольг) Ольги,
//     Ольге, Ольгу, Ольгой; "Сапаров" Сапаровқа, Сапаровтың; "Гүлнұр" Гүлнұрға.
//   - A name word of fewer than k_min_stem letters matches only itself; one of a single letter (an
//     initial) matches nothing; the words of k_not_names ("семья", "family", "отбасы", ...) are
//     not names and match nothing.
//   A matched word becomes its first letter in upper case and "." ("Сидоровым" -> "С.").
// Addresses. The street name words of each known address: its words of 3 letters or more that
// are not kinds of place (k_place_words: ул, улица, проспект, мкр, дом, кв, көшесі, street, ...),
// matched in their forms like names, each replaced by the address placeholder.
// Phones. A run of digits with phone punctuation between them (spaces, "-", "(", ")", ".", a
// leading "+") holding 7 digits or more, whose last digits (up to 10) are the last digits of a
// known phone: "+7 (701) 123-45-67", "87011234567" and "123-45-67" all match +7 701 123 45 67.
// It is masked like a phone field (every digit but the last two -> '*').
// Ids. A run of digits equal to the digits of a known external id (5 digits or more): masked
// like the field.
// Birth dates. A known birth date written DD.MM.YYYY, D.M.YYYY, DD/MM/YYYY, DD-MM-YYYY or
// YYYY-MM-DD (not inside a longer number): replaced by its year, as the field is.
//
// Not caught (and said so in docs/reports.md): nicknames and diminutives (Оля for Ольга),
// misspellings, a name in another script than the one recorded, people not recorded in the case,
// names of places, schools or workplaces that identify a person, house numbers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace casectl::redact {

// What is known about the people of a case: the raw values of the fields, as stored.
struct People {
  std::vector<std::string> names;       // whole names: "Сидоров Иван Петрович"
  std::vector<std::string> addresses;   // whole addresses: "ул. Абая 10, кв. 5"
  std::vector<std::string> phones;      // as typed
  std::vector<std::string> ids;         // external ids
  std::vector<std::string> birth_dates; // YYYY-MM-DD

  void add(const People& other);
  bool empty() const;
};

// `word` folded as the matching compares it: case folded, ё -> е.
std::string folded_word(std::string_view word);

// The stems of a name word (already folded), as defined above; empty for a one-letter word or a
// word of k_not_names.
std::vector<std::string> name_stems(std::string_view name_word);

// True when the text word `word` is a form of the name word `name_word`, as defined above.
bool is_form_of(std::string_view word, std::string_view name_word);

// The street name words of an address, as defined above: "ул. Абая 10, кв. 5" -> {"Абая"}.
std::vector<std::string> street_words(std::string_view address);

// `text` with every known name, street, phone, id and birth date masked as described above.
// `address_placeholder` is what a street word becomes. Text that is not valid UTF-8 is handled
// byte-wise where it is invalid (those bytes are kept, and separate words).
std::string masked_text(std::string_view text, const People& people, const std::string& address_placeholder);

} // namespace casectl::redact
