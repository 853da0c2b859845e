#include "listing.hpp"

#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace casectl::cli {

namespace {

// Every field a listing's rows can have: its columns first, then the sample's other keys.
std::vector<std::string> known_fields(const std::vector<Column>& columns, const Record& sample) {
  std::vector<std::string> fields;
  for (const Column& c : columns) fields.push_back(c.field);
  if (sample.is_object())
    for (auto it = sample.begin(); it != sample.end(); ++it)
      if (std::find(fields.begin(), fields.end(), it.key()) == fields.end()) fields.push_back(it.key());
  return fields;
}

Status unknown_field(const char* option, const std::string& field, const std::vector<std::string>& fields) {
  return Status::usage(trf("{}: this listing has no field '{}'{}; its fields: {}", option, field,
                           text::did_you_mean(field, fields), text::join(fields, ", ")));
}

std::string header_of(const std::string& field) {
  std::string header = field;
  for (char& c : header) c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return header;
}

// -1, 0 or 1: a before, as, or after b.
int compare(const Record* a, const Record* b) {
  bool a_empty = !a || a->is_null(), b_empty = !b || b->is_null();
  if (a_empty || b_empty) return a_empty == b_empty ? 0 : (a_empty ? -1 : 1);
  if (a->is_number() && b->is_number()) {
    double x = a->get<double>(), y = b->get<double>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a->is_boolean() && b->is_boolean()) return a->get<bool>() == b->get<bool>() ? 0 : (a->get<bool>() ? 1 : -1);
  std::string x = a->is_string() ? a->get<std::string>() : a->dump();
  std::string y = b->is_string() ? b->get<std::string>() : b->dump();
  std::string kx = text::sort_key(x), ky = text::sort_key(y);
  if (kx != ky) return kx < ky ? -1 : 1;
  return x == y ? 0 : (x < y ? -1 : 1);
}

const Record* field_of(const Record& record, const std::string& field) {
  auto it = record.find(field);
  return it == record.end() ? nullptr : &*it;
}

} // namespace

Result<std::vector<Column>> chosen_columns(const std::string& fields, const std::vector<Column>& columns, const Record& sample) {
  if (text::trim(fields).empty()) return columns;
  std::vector<std::string> known = known_fields(columns, sample);
  std::vector<Column> chosen;
  for (const std::string& given : text::split(fields, ',')) {
    std::string field = text::trim(given);
    if (field.empty()) continue;
    if (std::find(known.begin(), known.end(), field) == known.end()) return unknown_field("--fields", field, known);
    auto column = std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.field == field; });
    chosen.push_back(column != columns.end() ? *column : Column{field, header_of(field)});
  }
  if (chosen.empty())
    return Status::usage(trf("--fields: name at least one field, e.g. --fields {}", known.empty() ? "case_id" : known.front()));
  return chosen;
}

Result<std::vector<SortKey>> sort_keys(const std::string& sort, const std::vector<Column>& columns, const Record& sample) {
  std::vector<std::string> known = known_fields(columns, sample);
  std::vector<SortKey> keys;
  for (const std::string& given : text::split(sort, ',')) {
    SortKey key{text::trim(given)};
    if (!key.field.empty() && key.field[0] == '-') {
      key.descending = true;
      key.field.erase(0, 1);
    }
    if (key.field.empty()) continue;
    if (std::find(known.begin(), known.end(), key.field) == known.end()) return unknown_field("--sort", key.field, known);
    keys.push_back(key);
  }
  return keys;
}

void sort_records(std::vector<Record>& records, const std::vector<SortKey>& keys) {
  std::stable_sort(records.begin(), records.end(), [&](const Record& a, const Record& b) {
    for (const SortKey& key : keys) {
      int order = compare(field_of(a, key.field), field_of(b, key.field));
      if (order != 0) return key.descending ? order > 0 : order < 0;
    }
    return false;
  });
}

Record only_fields(const Record& record, const std::vector<Column>& columns) {
  Record kept = Record::object();
  for (const Column& c : columns)
    if (const Record* value = field_of(record, c.field)) kept[c.field] = *value;
  return kept;
}

} // namespace casectl::cli
