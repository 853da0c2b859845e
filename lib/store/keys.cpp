#include "store/keys.hpp"

#include "util/messages.hpp"
#include "util/national_id.hpp"
#include "util/search_key.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <cstring>

namespace casectl::store {

std::string phone_tokens(std::string_view phone) {
  std::string key = text::phone_key(phone);
  if (key.size() > 7) key += " " + key.substr(key.size() - 7);
  return key;
}

SearchRow search_row(const std::string& name, const std::string& member_names, const std::string& address,
                     const std::string& phone, const std::string& note, const std::string& problems,
                     const std::string& national_ids) {
  std::string numbers = phone_tokens(phone);
  // Each id as one token "id<digits>": found whole (search_terms), never by a phone number's
  // prefix, which would match every ИИН of a birth date ("870115...").
  for (const std::string& id : text::split(national_ids, ' '))
    if (!id.empty()) numbers += (numbers.empty() ? "id" : " id") + id;
  return {text::search_key(name + " " + member_names), text::search_key(address), numbers, text::search_key(note),
          text::search_key(problems)};
}

SearchRow search_row_of(const Case& c) {
  std::vector<std::string> member_names, national_ids;
  for (const Member& member : c.members) {
    member_names.push_back(member.name);
    if (!member.national_id.empty()) national_ids.push_back(member.national_id);
  }
  return search_row(c.name, text::join(member_names, " "), c.address, c.phone, c.note, text::join(c.problems, " "),
                    text::join(national_ids, " "));
}

std::string same_national_id_reason(const Member& member, const std::string& other_name) {
  return fmt::format("same {} as {}", national_id::name_of(national_id::kind_of(member.national_id)), other_name);
}

Result<SearchTerms> search_terms(const std::string& typed, bool names_only) {
  std::size_t digits = 0;
  bool phone_like = true;
  for (char ch : typed) {
    if (ch >= '0' && ch <= '9') ++digits;
    else if (!std::strchr(" +-().", ch)) phone_like = false;
  }
  if (!names_only && phone_like && digits >= 5) {
    // A valid ИИН or СНИЛС is looked for whole too: a phone key keeps only the last 10 digits.
    national_id::Parsed id = national_id::parse(typed);
    std::vector<std::vector<std::string>> others;
    if (id.id) others.push_back({"id" + id.id->digits});
    return SearchTerms{SearchColumn::phone, {text::phone_key(typed)}, others};
  }
  std::vector<std::vector<std::string>> readings = text::search_key_readings(typed);
  if (readings.empty()) return Status::invalid(trf("nothing to search for in '{}': give letters or digits", typed));
  SearchTerms terms{names_only ? SearchColumn::names : SearchColumn::any, {}, {}};
  for (std::vector<std::string>& word : readings) {
    terms.words.push_back(word.front());
    terms.others.emplace_back(word.begin() + 1, word.end());
  }
  return terms;
}

const std::vector<std::string>& SearchTerms::others_of(std::size_t i) const {
  static const std::vector<std::string> none;
  return i < others.size() ? others[i] : none;
}

Result<std::vector<SearchTerms>> search_terms_of(const CaseFilter& filter) {
  std::vector<SearchTerms> all;
  for (const auto& [typed, names_only] : {std::pair{&filter.search, false}, std::pair{&filter.name, true}}) {
    if (typed->empty()) continue;
    Result<SearchTerms> terms = search_terms(*typed, names_only);
    if (!terms) return terms.status();
    all.push_back(std::move(*terms));
  }
  return all;
}

std::vector<std::string> name_words(const std::vector<SearchTerms>& terms) {
  std::vector<std::string> words;
  for (const SearchTerms& t : terms)
    if (t.column != SearchColumn::phone) words.insert(words.end(), t.words.begin(), t.words.end());
  return words;
}

std::string event_members_text(const std::vector<int>& members) {
  std::string text = "[";
  for (int member : members) text += (text.size() > 1 ? "," : "") + std::to_string(member);
  return text + "]";
}

std::vector<int> event_members_of(std::string_view text) {
  std::vector<int> members;
  int number = 0;
  bool in_number = false;
  for (char ch : text) {
    if (ch >= '0' && ch <= '9') {
      number = number * 10 + (ch - '0');
      in_number = true;
    } else if (in_number) {
      members.push_back(number);
      number = 0;
      in_number = false;
    }
  }
  if (in_number) members.push_back(number);
  return members;
}

SortKeys sort_keys_of(const std::string& name, const std::string& district, const std::optional<std::string>& case_manager) {
  SortKeys keys{text::sort_key(name), text::sort_key(district), std::nullopt};
  if (case_manager) keys.manager = text::sort_key(*case_manager);
  return keys;
}

} // namespace casectl::store
