#include "cases/assessment.hpp"

#include "cases/intake.hpp"
#include "cases/views.hpp"
#include "store/case_store.hpp"
#include "fixtures.hpp"
#include "registered.hpp"
#include "store_engines.hpp"
#include "store_reads.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

using namespace casectl;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;

namespace {

// Scores from "domain=score" pairs; a score of 0 stands for "not applicable".
std::vector<DomainScore> scored(const std::vector<std::pair<std::string, int>>& pairs) {
  std::vector<DomainScore> out;
  for (const auto& [domain, score] : pairs) out.push_back({domain, score == 0 ? std::nullopt : std::optional<int>(score)});
  return out;
}

std::string risk_of(const std::vector<std::pair<std::string, int>>& pairs, bool immediate_danger = false) {
  return derive_risk(scored(pairs), immediate_danger);
}

// The scores of a request as a map, whatever order the document gave them in.
std::map<std::string, std::string> scores_of(const AssessmentRequest& r) {
  return std::map<std::string, std::string>(r.scores.begin(), r.scores.end());
}

AssessmentRequest request_from(const std::string& document, const std::string& format) {
  Result<AssessmentRequest> r = assessment_request_from(document, format, "form." + format);
  REQUIRE_MESSAGE(r.is_ok(), r.status().message());
  return *r;
}

std::string refusal_of(const std::string& document, const std::string& format) {
  Result<AssessmentRequest> r = assessment_request_from(document, format, "form." + format);
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().kind() == ErrorKind::invalid_input);
  return r.status().message();
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

const ChangeContext k_context{"aigerim", "casectl assess", k_clock};

// A fresh store of the engine under test, with cases registered through the intake code.
template <class Engine> struct StoreFixture {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> store = Engine::open();

  std::string register_named(const std::string& name, const std::string& urgency = "routine", bool consultation = false) {
    IntakeRequest r;
    r.name = name;
    r.urgency = urgency;
    r.consultation = consultation;
    return testing::registered(*store, r, config, k_context);
  }

  AssessmentChange assess(const std::string& case_id, const AssessmentRequest& r) {
    Result<AssessmentChange> outcome = record_assessment(*store, case_id, r, config, k_context);
    REQUIRE_MESSAGE(outcome.is_ok(), outcome.status().message());
    return *outcome;
  }

  Status refused(const std::string& case_id, const AssessmentRequest& r) {
    Result<AssessmentChange> outcome = record_assessment(*store, case_id, r, config, k_context);
    REQUIRE_FALSE(outcome.is_ok());
    return outcome.status();
  }

  std::string status_of(const std::string& id) { return testing::state_of(*store, id).status; }
  std::string urgency_of(const std::string& id) { return testing::state_of(*store, id).urgency; }
  std::string due_of(const std::string& id) { return testing::state_of(*store, id).response_due; }
  long long assessments_count() { return Engine::count(*store, "SELECT count(*) FROM assessments"); }
  long long scores_count() { return Engine::count(*store, "SELECT count(*) FROM assessment_scores"); }

  std::vector<std::string> actions(const std::string& case_id) {
    std::vector<std::string> out;
    for (const HistoryEntry& e : testing::history_of(*store, case_id)) out.push_back(e.action);
    return out;
  }
  nlohmann::json last_changes(const std::string& case_id) {
    std::vector<HistoryEntry> entries = testing::history_of(*store, case_id);
    REQUIRE_FALSE(entries.empty());
    return nlohmann::json::parse(entries.back().changes);
  }
};

AssessmentRequest with_scores(const std::vector<std::pair<std::string, std::string>>& scores) {
  AssessmentRequest r;
  r.scores = scores;
  return r;
}

} // namespace

// --- derive_risk ----------------------------------------------------------------------------------

TEST_CASE("derive_risk: nothing to say without the watched domains") {
  CHECK(risk_of({}) == "");
  CHECK(risk_of({{"housing", 1}, {"income", 1}, {"documents", 1}, {"health", 1}}) == "");
  CHECK(risk_of({{"safety", 0}, {"parenting", 0}}) == ""); // not applicable is not scored
}

TEST_CASE("derive_risk: very high for immediate danger or safety 1") {
  CHECK(risk_of({}, true) == "very-high");
  CHECK(risk_of({{"safety", 5}, {"parenting", 5}}, true) == "very-high");
  CHECK(risk_of({{"safety", 1}}) == "very-high");
  CHECK(risk_of({{"safety", 1}, {"parenting", 5}, {"childcare", 5}}) == "very-high");
}

TEST_CASE("derive_risk: high for safety 2, or parenting, childcare, substance use 1") {
  CHECK(risk_of({{"safety", 2}}) == "high");
  CHECK(risk_of({{"parenting", 1}}) == "high");
  CHECK(risk_of({{"childcare", 1}}) == "high");
  CHECK(risk_of({{"substance-use", 1}}) == "high");
  CHECK(risk_of({{"substance-use", 1}, {"safety", 4}}) == "high");
  CHECK(risk_of({{"parenting", 1}, {"mental-health", 1}}) == "high");
}

TEST_CASE("derive_risk: moderate for mental health 1, or any watched domain 2") {
  CHECK(risk_of({{"mental-health", 1}}) == "moderate"); // 1 in mental health alone is not high
  CHECK(risk_of({{"mental-health", 2}}) == "moderate");
  CHECK(risk_of({{"parenting", 2}}) == "moderate");
  CHECK(risk_of({{"childcare", 2}}) == "moderate");
  CHECK(risk_of({{"substance-use", 2}}) == "moderate");
  CHECK(risk_of({{"safety", 3}, {"parenting", 2}}) == "moderate");
}

TEST_CASE("derive_risk: low when the watched domains are scored 3 or better") {
  for (const char* domain : {"safety", "parenting", "childcare", "substance-use", "mental-health"}) {
    CAPTURE(domain);
    CHECK(risk_of({{domain, 3}}) == "low");
    CHECK(risk_of({{domain, 5}}) == "low");
  }
  CHECK(risk_of({{"housing", 1}, {"safety", 3}}) == "low"); // other domains in crisis do not count
}

// --- parse_domain_score ---------------------------------------------------------------------------

TEST_CASE("parse_domain_score splits at the first '=' and trims") {
  using Pair = std::pair<std::string, std::string>;
  auto parsed = [](const std::string& text) {
    Result<Pair> r = parse_domain_score(text);
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
    return *r;
  };
  CHECK(parsed("housing=2") == Pair{"housing", "2"});
  CHECK(parsed(" housing = 2 ") == Pair{"housing", "2"});
  CHECK(parsed("housing=na") == Pair{"housing", "na"});
  CHECK(parsed("Жильё=n/a") == Pair{"Жильё", "n/a"});
  CHECK(parsed("social-support=-") == Pair{"social-support", "-"});
  CHECK(parsed("housing=x") == Pair{"housing", "x"}); // the score is checked later, against the scale
}

TEST_CASE("parse_domain_score refuses what is not DOMAIN=SCORE") {
  for (const char* text : {"housing", "=2", "housing=", "", "housing2"}) {
    CAPTURE(text);
    Result<std::pair<std::string, std::string>> r = parse_domain_score(text);
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().kind() == ErrorKind::invalid_input);
    CHECK(r.status().message() == fmt::format("'{}' is not DOMAIN=SCORE; write e.g. housing=2 (or housing=na)", text));
  }
}

// --- assessment_request_from ----------------------------------------------------------------------

TEST_CASE("assessment_request_from reads TOML, dates as ISO text") {
  AssessmentRequest r = request_from(R"(
assessed_on = 2026-03-10
assessor = "Жанар"
method = "home-visit"
visit_on = 2026-03-09
living_conditions = "Одна комната"
risk = "high"
risk_reasons = "мать пьёт"
override_reason = "причина"
immediate_danger = true
strengths = ["бабушка рядом", "мать работает"]
circle_strengths = ["соседка"]
expectations = ["вернуть сына в школу"]
missing_documents = ["паспорт"]
note = "заметка"

[scores]
housing = 2
substance-use = "1"
schooling = "na"
)",
                                     "toml");
  CHECK(r.assessed_on == std::optional<std::string>("2026-03-10"));
  CHECK(r.visit_on == std::optional<std::string>("2026-03-09"));
  CHECK(r.assessor == std::optional<std::string>("Жанар"));
  CHECK(r.method == std::optional<std::string>("home-visit"));
  CHECK(r.living_conditions == std::optional<std::string>("Одна комната"));
  CHECK(r.risk == std::optional<std::string>("high"));
  CHECK(r.risk_reasons == std::optional<std::string>("мать пьёт"));
  CHECK(r.risk_override_reason == std::optional<std::string>("причина"));
  CHECK(r.immediate_danger);
  CHECK(r.strengths == std::vector<std::string>{"бабушка рядом", "мать работает"});
  CHECK(r.circle_strengths == std::vector<std::string>{"соседка"});
  CHECK(r.expectations == std::vector<std::string>{"вернуть сына в школу"});
  CHECK(r.missing_documents == std::vector<std::string>{"паспорт"});
  CHECK(r.note == std::optional<std::string>("заметка"));
  CHECK(scores_of(r) == std::map<std::string, std::string>{{"housing", "2"}, {"substance-use", "1"}, {"schooling", "na"}});
}

TEST_CASE("assessment_request_from reads JSON; null is not applicable; a string is a list of one") {
  AssessmentRequest r = request_from(
      R"({"assessed_on": "2026-03-01", "scores": {"income": 2, "health": null, "Жильё": "3"},
          "strengths": "старшая дочь помогает", "immediate_danger": false})",
      "json");
  CHECK(r.assessed_on == std::optional<std::string>("2026-03-01"));
  CHECK_FALSE(r.method);
  CHECK_FALSE(r.visit_on);
  CHECK_FALSE(r.risk);
  CHECK_FALSE(r.immediate_danger);
  CHECK(scores_of(r) == std::map<std::string, std::string>{{"income", "2"}, {"health", "na"}, {"Жильё", "3"}});
  CHECK(r.strengths == std::vector<std::string>{"старшая дочь помогает"});
  CHECK(r.expectations.empty());
}

TEST_CASE("assessment_request_from names each wrongly typed key") {
  std::string message = refusal_of(R"({"immediate_danger": "yes", "strengths": 5, "expectations": ["a", 1],
                                       "note": true, "scores": {"income": 2.5}})",
                                   "json");
  CHECK(message.rfind("form.json:\n  ", 0) == 0);
  CHECK(contains(message, "immediate_danger: must be true or false"));
  CHECK(contains(message, "strengths: must be a list of text"));
  CHECK(contains(message, "expectations: must be a list of text"));
  CHECK(contains(message, "note: must be text"));
  CHECK(contains(message, "scores.income: must be text"));

  CHECK(refusal_of("scores = [1, 2]\n", "toml") == "form.toml:\n  scores: must be a table of domain = score");
  CHECK(refusal_of(R"({"scores": 3})", "json") == "form.json:\n  scores: must be a table of domain = score");
  CHECK(refusal_of("[1, 2]", "json") == "form.json: the document must be a table/object of fields");
}

// Regression: an assessment TOML datetime said "must be text".
TEST_CASE("assessment_request_from takes the day of a TOML date-time") {
  Result<AssessmentRequest> r =
      assessment_request_from("assessed_on = 2026-11-18T10:30:00\nvisit_on = 2026-11-17T09:00:00+05:00\n", "toml", "form.toml");
  REQUIRE(r.is_ok());
  CHECK(r->assessed_on == std::optional<std::string>("2026-11-18"));
  CHECK(r->visit_on == std::optional<std::string>("2026-11-17"));
}

TEST_CASE("assessment_request_from: unknown keys with did-you-mean, malformed documents") {
  // Regression: an unknown assessment key had no line number.
  CHECK(refusal_of("scors = { income = 3 }\n", "toml") ==
        "form.toml:\n  line 1: 'scors' is not an assessment field (did you mean 'scores'?)");
  CHECK(refusal_of("note = \"x\"\n\n[scors]\nincome = 3\n", "toml") ==
        "form.toml:\n  line 3: 'scors' is not an assessment field (did you mean 'scores'?)");
  CHECK(contains(refusal_of(R"({"expectation": ["x"]})", "json"), "(did you mean 'expectations'?)"));
  std::string toml = refusal_of("[scores]\nincome = 3\nhousing = \n", "toml");
  CHECK(toml.rfind("form.toml:3:", 0) == 0);
  CHECK(contains(toml, "not valid TOML"));
  CHECK(refusal_of(R"({"scores": {"income": 3})", "json") == "form.json: not valid JSON");
  CHECK(refusal_of("note = \"\xff\"\n", "toml") == "form.toml: the file is not valid UTF-8");
}

// --- record_assessment ------------------------------------------------------------------------------

TEST_CASE_TEMPLATE("record_assessment numbers assessments 1, 2, 3 and journals them", Engine, CASECTL_STORE_ENGINES) {
  StoreFixture<Engine> f;
  std::string id = f.register_named("Семья Колесниковых", "urgent");
  std::string due = f.due_of(id);
  CHECK(f.status_of(id) == "intake");

  AssessmentRequest first = with_scores({{"documents", "1"}, {"substance-use", "1"}, {"housing", "3"}});
  first.visit_on = "2026-03-15";
  first.strengths = {"  бабушка рядом  ", ""};
  first.expectations = {"вернуть сына в школу"};
  AssessmentChange one = f.assess(id, first);
  CHECK(one.assessment.number == 1);
  CHECK(one.assessment.case_id == id);
  CHECK(one.assessment.assessed_on == "2026-03-15");
  CHECK(one.assessment.assessor == "aigerim");
  CHECK(one.assessment.method == "home-visit");
  CHECK(one.assessment.visit_on == "2026-03-15");
  CHECK(one.assessment.risk == "high");
  CHECK(one.assessment.derived_risk == "high");
  CHECK(one.assessment.strengths == std::vector<std::string>{"бабушка рядом"}); // trimmed, empty dropped
  CHECK(one.status_changed);
  CHECK(one.urgency_after.empty());
  CHECK(f.status_of(id) == "assessment");
  CHECK(f.urgency_of(id) == "urgent");
  CHECK(f.due_of(id) == due);
  CHECK(f.actions(id) == std::vector<std::string>{"intake", "assess", "update"});
  CHECK(f.last_changes(id) == nlohmann::json::parse(R"({"status": ["intake", "assessment"]})"));

  AssessmentChange two = f.assess(id, with_scores({{"Документы", "2"}, {"substance-use", "2"}}));
  CHECK(two.assessment.number == 2);
  CHECK(two.assessment.method == "interview");
  CHECK(two.assessment.risk == "moderate");
  CHECK_FALSE(two.status_changed);
  AssessmentChange three = f.assess(id, with_scores({{"documents", "na"}}));
  CHECK(three.assessment.number == 3);
  CHECK(three.assessment.risk == "");
  CHECK(f.status_of(id) == "assessment");
  CHECK(f.actions(id) == std::vector<std::string>{"intake", "assess", "update", "assess", "assess"});
  nlohmann::json journaled = f.last_changes(id);
  CHECK(journaled["number"] == 3);
  CHECK(journaled["baseline"] == false);
  CHECK(journaled["scores"][0]["domain"] == "documents");
  CHECK(journaled["scores"][0]["score"].is_null());

  Result<std::vector<Assessment>> all = assessments_of(*f.store, id);
  REQUIRE(all.is_ok());
  REQUIRE(all->size() == 3);
  CHECK((*all)[0].number == 1);
  CHECK((*all)[2].number == 3);
  CHECK((*all)[0].expectations == std::vector<std::string>{"вернуть сына в школу"});
  REQUIRE((*all)[2].scores.size() == 1);
  CHECK_FALSE((*all)[2].scores[0].score);

  // Numbers count per case.
  std::string other = f.register_named("Семья Ахметовых");
  CHECK(f.assess(other, with_scores({{"income", "2"}})).assessment.number == 1);
}

TEST_CASE_TEMPLATE("record_assessment raises the urgency for a very high risk, and never lowers it", Engine,
                   CASECTL_STORE_ENGINES) {
  StoreFixture<Engine> f;
  std::string id = f.register_named("Семья Орловых", "routine");
  AssessmentChange raised = f.assess(id, with_scores({{"safety", "1"}}));
  CHECK(raised.assessment.risk == "very-high");
  CHECK(raised.urgency_before == "routine");
  CHECK(raised.urgency_after == "emergency");
  CHECK(f.urgency_of(id) == "emergency");
  CHECK(f.due_of(id) == "2026-03-16T09:30:00Z"); // now + 24 hours
  nlohmann::json changes = f.last_changes(id);
  CHECK(changes["status"] == nlohmann::json::array({"intake", "assessment"}));
  CHECK(changes["urgency"] == nlohmann::json::array({"routine", "emergency"}));
  CHECK(changes["response_due"][1] == "2026-03-16T09:30:00Z");
  CHECK(changes["reason"] == "very high risk to children at assessment 1");

  AssessmentChange lower = f.assess(id, with_scores({{"safety", "5"}}));
  CHECK(lower.assessment.risk == "low");
  CHECK(lower.urgency_after.empty());
  CHECK(f.urgency_of(id) == "emergency");
  CHECK(f.due_of(id) == "2026-03-16T09:30:00Z");
  CHECK(f.actions(id) == std::vector<std::string>{"intake", "assess", "update", "assess"});

  std::string danger = f.register_named("Семья Лебедевых", "urgent");
  AssessmentRequest r = with_scores({{"housing", "3"}});
  r.immediate_danger = true;
  AssessmentChange immediate = f.assess(danger, r);
  CHECK(immediate.assessment.risk == "very-high");
  CHECK(immediate.urgency_before == "urgent");
  CHECK(f.urgency_of(danger) == "emergency");
  CHECK(f.last_changes(danger)["reason"] == "immediate danger found at assessment 1");
}

TEST_CASE_TEMPLATE("record_assessment: an override needs a reason", Engine, CASECTL_STORE_ENGINES) {
  StoreFixture<Engine> f;
  std::string id = f.register_named("Семья Зайцевых");
  AssessmentRequest r = with_scores({{"safety", "2"}});
  r.risk = "low";
  Status refused = f.refused(id, r);
  CHECK(refused.kind() == ErrorKind::invalid_input);
  CHECK(refused.message() == fmt::format("the assessment of {} was not recorded:\n  risk: the scores suggest 'high'; "
                                         "to record 'low' instead, say why with --override-reason",
                                         id));
  CHECK(f.assessments_count() == 0);

  r.risk_override_reason = "отец уехал";
  AssessmentChange accepted = f.assess(id, r);
  CHECK(accepted.assessment.risk == "low");
  CHECK(accepted.assessment.derived_risk == "high");
  CHECK(accepted.assessment.risk_override_reason == "отец уехал");

  // When the scores say nothing, any risk may be given without a reason.
  AssessmentRequest free = with_scores({{"housing", "2"}});
  free.risk = "Умеренный";
  AssessmentChange given = f.assess(id, free);
  CHECK(given.assessment.risk == "moderate");
  CHECK(given.assessment.derived_risk == "");
}

TEST_CASE_TEMPLATE("record_assessment refuses bad values, a line per field, and writes nothing", Engine, CASECTL_STORE_ENGINES) {
  StoreFixture<Engine> f;
  std::string id = f.register_named("Семья Новиковых");
  AssessmentRequest r =
      with_scores({{"housng", "2"}, {"income", "0"}, {"food", "6"}, {"health", "x"}, {"safety", "3"}, {"Безопасность", "4"}});
  r.assessed_on = "2026-03-16";
  r.visit_on = "2026-04-01";
  r.method = "telepathy";
  Status refused = f.refused(id, r);
  CHECK(refused.kind() == ErrorKind::invalid_input);
  const std::string scale = "(1 В кризисе, 2 Уязвимо, 3 Безопасно, 4 Наращивание возможностей, 5 Благополучие)";
  CHECK(refused.message() ==
        fmt::format("the assessment of {0} was not recorded:\n"
                    "  date: 2026-03-16 is in the future (today is 2026-03-15)\n"
                    "  visit: 2026-04-01 is in the future (today is 2026-03-15)\n"
                    "  method: unknown method 'telepathy'; known: interview, home-visit, phone, documents\n"
                    "  domain: unknown domain 'housng' (did you mean 'housing'?); known: documents, housing, income, "
                    "employment, food, childcare, schooling, health, mental-health, substance-use, safety, parenting, "
                    "legal, social-support, mobility\n"
                    "  domain income: score '0' is not on the scale 1-5 {1}, nor na for not applicable\n"
                    "  domain food: score '6' is not on the scale 1-5 {1}, nor na for not applicable\n"
                    "  domain health: score 'x' is not on the scale 1-5 {1}, nor na for not applicable\n"
                    "  domain safety: is scored twice; give each domain once",
                    id, scale));
  CHECK(f.assessments_count() == 0);
  CHECK(f.scores_count() == 0);
  CHECK(f.status_of(id) == "intake");
  CHECK(f.actions(id) == std::vector<std::string>{"intake"});
}

TEST_CASE_TEMPLATE("record_assessment: unknown case, consultation, closed case", Engine, CASECTL_STORE_ENGINES) {
  StoreFixture<Engine> f;
  Status missing = f.refused("2026-99999", with_scores({{"housing", "2"}}));
  CHECK(missing.kind() == ErrorKind::not_found);
  CHECK(missing.message() == "case 2026-99999 not found; 'casectl list' shows the cases");

  std::string consult = f.register_named("Бекова Айгүл", "routine", true);
  Status consultation = f.refused(consult, with_scores({{"housing", "2"}}));
  CHECK(consultation.kind() == ErrorKind::conflict);
  CHECK(contains(consultation.message(), "is a consultation"));

  std::string closed = f.register_named("Семья Закрытых");
  testing::mark_closed(*f.store, closed);
  Status refused = f.refused(closed, with_scores({{"housing", "2"}}));
  CHECK(refused.kind() == ErrorKind::conflict);
  CHECK(refused.message() ==
        fmt::format("case {0} is closed; reopen it with 'casectl review {0} --reopen' to assess it again", closed));
  CHECK(f.assessments_count() == 0);

  Result<std::vector<Assessment>> none = assessments_of(*f.store, "2026-99999");
  REQUIRE_FALSE(none.is_ok());
  CHECK(none.status().kind() == ErrorKind::not_found);
}

// --- views ------------------------------------------------------------------------------------------

namespace {

Assessment assessment(int number, const std::string& on, const std::vector<std::pair<std::string, int>>& pairs) {
  Assessment a;
  a.case_id = "2026-00001";
  a.number = number;
  a.assessed_on = on;
  a.scores = scored(pairs);
  return a;
}

} // namespace

TEST_CASE("domain_history_records: config order, baseline, latest, change, trend") {
  config::Config config = builtin_config();
  std::vector<Assessment> all = {
      assessment(1, "2026-01-10", {{"safety", 2}, {"housing", 1}, {"schooling", 1}}),
      assessment(2, "2026-02-10", {{"housing", 3}, {"income", 2}, {"schooling", 0}, {"retired-domain", 4}}),
      assessment(3, "2026-03-10", {{"housing", 4}, {"safety", 1}, {"income", 0}}),
  };
  std::vector<Record> rows = views::domain_history_records(all, config);
  std::vector<std::string> domains;
  for (const Record& row : rows) domains.push_back(row["domain"]);
  // Config order (housing, income, schooling, safety); a domain no longer in the config goes last.
  CHECK(domains == std::vector<std::string>{"housing", "income", "schooling", "safety", "retired-domain"});

  const Record& housing = rows[0];
  CHECK(housing["label"] == "Жильё");
  CHECK(housing["baseline"] == 1);
  CHECK(housing["latest"] == 4);
  CHECK(housing["change"] == 3);
  CHECK(housing["trend"] == "1 → 3 → 4");
  CHECK(housing["series"] == Record::parse(R"([{"number":1,"assessed_on":"2026-01-10","score":1},
    {"number":2,"assessed_on":"2026-02-10","score":3},{"number":3,"assessed_on":"2026-03-10","score":4}])"));

  const Record& income = rows[1]; // first scored at 2, then not applicable
  CHECK(income["baseline"] == 2);
  CHECK(income["latest"] == 2);
  CHECK(income["change"] == 0);
  CHECK(income["trend"] == "2 → na");

  const Record& schooling = rows[2];
  CHECK(schooling["trend"] == "1 → na");
  CHECK(schooling["series"][1]["score"].is_null());

  const Record& safety = rows[3]; // worse: a negative change
  CHECK(safety["change"] == -1);
  CHECK(safety["trend"] == "2 → 1");
  CHECK(safety["series"].size() == 2);

  const Record& retired = rows[4];
  CHECK(retired["label"] == "retired-domain");
  CHECK(retired["baseline"] == 4);

  // Only "not applicable": no baseline, latest or change.
  std::vector<Record> na = views::domain_history_records({assessment(1, "2026-01-10", {{"legal", 0}})}, config);
  REQUIRE(na.size() == 1);
  CHECK(na[0]["baseline"].is_null());
  CHECK(na[0]["latest"].is_null());
  CHECK(na[0]["change"].is_null());
  CHECK(na[0]["trend"] == "na");

  CHECK(views::domain_history_records({}, config).empty());

  config.language = "en";
  CHECK(views::domain_history_records(all, config)[0]["label"] == "Housing");
}

TEST_CASE("assessment_record and case_record with assessments") {
  config::Config config = builtin_config();
  Assessment a = assessment(2, "2026-02-10", {{"safety", 0}, {"housing", 2}});
  a.risk = "moderate";
  Record r = views::assessment_record(a, config);
  CHECK(r["baseline"] == false);
  CHECK(r["visit_on"].is_null());
  CHECK(r["strengths"] == Record::array());
  REQUIRE(r["scores"].size() == 2);
  CHECK(r["scores"][0] == Record::parse(R"({"domain":"housing","label":"Жильё","score":2,"score_label":"Уязвимо"})"));
  CHECK(r["scores"][1] ==
        Record::parse(R"({"domain":"safety","label":"Безопасность","score":null,"score_label":"не применимо"})"));
  config.language = "en";
  Record en = views::assessment_record(a, config);
  CHECK(en["scores"][0]["score_label"] == "Vulnerable");
  CHECK(en["scores"][1]["score_label"] == "not applicable");

  Case c;
  c.case_id = "2026-00001";
  CHECK(views::case_record(c, {})["risk"].is_null());
  CHECK(views::case_record(c, {})["assessments"] == Record::array());
  Assessment first = assessment(1, "2026-01-10", {{"safety", 2}});
  first.method = "home-visit";
  first.risk = "high";
  Assessment second = assessment(2, "2026-02-10", {{"housing", 2}});
  second.method = "interview";
  Record shown = views::case_record(c, {first, second});
  CHECK(shown["risk"].is_null()); // the latest assessment's, even when it assessed no risk
  CHECK(shown["assessments"] == Record::parse(R"([
    {"number":1,"assessed_on":"2026-01-10","method":"home-visit","risk":"high"},
    {"number":2,"assessed_on":"2026-02-10","method":"interview","risk":null}])"));
}
