// Reading an assessment file (TOML or JSON) into an AssessmentRequest. Apart from the rest of
// assessment.cpp because it needs nothing of the store: `assess --from FILE` and the fuzzer
// (tests/fuzz/fuzz_assessment.cpp) use it alone.
#include "cases/assessment.hpp"

#include "output/records.hpp"
#include "util/document.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <functional>

namespace casectl {

namespace {

// A document read as a tree of keys, the same for TOML and JSON.
// `line_of(key)` is the line a key is written on, 0 when unknown.
Status read_document(const Record& doc, const std::string& source, const std::function<std::size_t(const std::string&)>& line_of,
                     AssessmentRequest& r) {
  if (!doc.is_object()) return Status::invalid(trf("{}: the document must be a table/object of fields", source));
  std::vector<std::string> problems;
  auto text_of = [&](const std::string& key, const Record& v) -> std::optional<std::string> {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    problems.push_back(key + ": must be text");
    return std::nullopt;
  };
  auto list_of = [&](const std::string& key, const Record& v, std::vector<std::string>& out) {
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
      return;
    }
    if (!v.is_array()) {
      problems.push_back(key + ": must be a list of text");
      return;
    }
    for (const Record& item : v) {
      if (item.is_string()) out.push_back(item.get<std::string>());
      else problems.push_back(key + ": must be a list of text");
    }
  };
  const std::vector<std::string> keys = {"assessed_on",
                                         "assessor",
                                         "method",
                                         "visit_on",
                                         "living_conditions",
                                         "scores",
                                         "risk",
                                         "risk_reasons",
                                         "override_reason",
                                         "immediate_danger",
                                         "strengths",
                                         "circle_strengths",
                                         "expectations",
                                         "missing_documents",
                                         "note",
                                         "participants"};
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    const Record& v = it.value();
    std::optional<std::string>* scalar = key == "assessed_on"         ? &r.assessed_on
                                         : key == "assessor"          ? &r.assessor
                                         : key == "method"            ? &r.method
                                         : key == "visit_on"          ? &r.visit_on
                                         : key == "living_conditions" ? &r.living_conditions
                                         : key == "risk"              ? &r.risk
                                         : key == "risk_reasons"      ? &r.risk_reasons
                                         : key == "override_reason"   ? &r.risk_override_reason
                                         : key == "note"              ? &r.note
                                                                      : nullptr;
    if (scalar) {
      *scalar = text_of(key, v);
    } else if (key == "scores") {
      if (!v.is_object()) {
        problems.push_back(tr("scores: must be a table of domain = score"));
        continue;
      }
      for (auto s = v.begin(); s != v.end(); ++s) {
        std::optional<std::string> score =
            s.value().is_null() ? std::optional<std::string>("na") : text_of("scores." + s.key(), s.value());
        if (score) r.scores.emplace_back(s.key(), *score);
      }
    } else if (key == "immediate_danger") {
      if (v.is_boolean()) r.immediate_danger = v.get<bool>();
      else problems.push_back(tr("immediate_danger: must be true or false"));
    } else if (key == "strengths") list_of(key, v, r.strengths);
    else if (key == "circle_strengths") list_of(key, v, r.circle_strengths);
    else if (key == "expectations") list_of(key, v, r.expectations);
    else if (key == "missing_documents") list_of(key, v, r.missing_documents);
    else if (key == "participants") list_of(key, v, r.participants);
    else {
      std::size_t line = line_of(key);
      problems.push_back(trf("{}'{}' is not an assessment field{}", line ? fmt::format("line {}: ", line) : "", key,
                             text::did_you_mean(key, keys)));
    }
  }
  if (!problems.empty()) return Status::invalid(fmt::format("{}:\n  {}", source, text::join(problems, "\n  ")));
  return Status::ok();
}

} // namespace

Result<AssessmentRequest> assessment_request_from(const std::string& text, const std::string& format, const std::string& source) {
  Result<Record> doc = document::parse(text, format, source);
  if (!doc) return doc.status();
  AssessmentRequest r;
  auto line_of = [&](const std::string& key) { return document::line_of_key(text, format, key); };
  CASECTL_TRY(read_document(*doc, source, line_of, r));
  return r;
}

} // namespace casectl
