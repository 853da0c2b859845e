#include "commands.hpp"

#include "cases/assessment.hpp"
#include "cases/documents.hpp"
#include "cases/views.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <iterator>

namespace casectl::cli {

namespace {

struct AssessFlags {
  std::string case_id;
  std::vector<std::string> domains;
  std::string date, by, method, visit, living_conditions, risk, risk_reasons, override_reason, note;
  std::vector<std::string> strengths, circle_strengths, expectations, missing_documents, participants;
  bool immediate_danger = false;
  std::string from, input_format;
  bool history = false, show = false;
  int number = 0;
  OutputFlags output;
};

// The flags that describe an assessment; none of them may be combined with --from, --show, --history.
const char* const k_assessment_flags[] = {"--domain",
                                          "--date",
                                          "--by",
                                          "--method",
                                          "--visit",
                                          "--participant",
                                          "--living-conditions",
                                          "--risk",
                                          "--risk-reason",
                                          "--override-reason",
                                          "--immediate-danger",
                                          "--strength",
                                          "--circle-strength",
                                          "--expectation",
                                          "--missing-document",
                                          "--note"};

Result<AssessmentRequest> request_from_flags(const CLI::App& command, const AssessFlags& f) {
  AssessmentRequest r;
  auto take = [&](const char* name, const std::string& value, std::optional<std::string>& field) {
    if (command.count(name) > 0) field = value;
  };
  take("--date", f.date, r.assessed_on);
  take("--by", f.by, r.assessor);
  take("--method", f.method, r.method);
  take("--visit", f.visit, r.visit_on);
  take("--living-conditions", f.living_conditions, r.living_conditions);
  take("--risk", f.risk, r.risk);
  take("--risk-reason", f.risk_reasons, r.risk_reasons);
  take("--override-reason", f.override_reason, r.risk_override_reason);
  take("--note", f.note, r.note);
  for (const std::string& d : f.domains) {
    Result<std::pair<std::string, std::string>> pair = parse_domain_score(d);
    if (!pair) return Status::invalid(trf("--domain: {}", pair.status().message()));
    r.scores.push_back(*pair);
  }
  r.immediate_danger = f.immediate_danger;
  r.strengths = f.strengths;
  r.circle_strengths = f.circle_strengths;
  r.expectations = f.expectations;
  r.participants = f.participants;
  r.missing_documents = f.missing_documents;
  return r;
}

Result<AssessmentRequest> request_from_file(const AssessFlags& f) {
  Result<InputDocument> doc = read_input_document(f.from, f.input_format);
  if (!doc) return doc.status();
  return assessment_request_from(doc->text, doc->format, doc->source);
}

Status print_history(Context& context, const AssessFlags& f) {
  Result<std::vector<Assessment>> all = assessments_of(*context.store, f.case_id);
  if (!all) return all.status();
  return print_records(context, f.output, views::domain_history_columns(), "domains", [&](const RecordSink& sink) {
    for (const Record& row : views::domain_history_records(*all, context.config)) CASECTL_TRY(sink(row));
    return Status::ok();
  });
}

Status print_assessment(Context& context, const AssessFlags& f) {
  Result<std::optional<Assessment>> chosen = assessment_of(*context.store, f.case_id, f.number);
  if (!chosen) return chosen.status();
  if (!*chosen)
    return Status::not_found(
        trf("case {} has no assessment yet; record one with 'casectl assess {} --domain ...'", f.case_id, f.case_id));
  Result<redact::People> people = people_to_mask(context, f.output, (*chosen)->case_id);
  if (!people) return people.status();
  Result<Record> document = assessment_document_record(*context.store, context.config, **chosen);
  if (!document) return document.status();
  const Record shape = sample_document(DocumentKind::assessment, context.config);
  return print_record(context, f.output, std::move(*document), *people, &shape);
}

} // namespace

void define_assess(CLI::App& command, Handler& handler) {
  auto f = std::make_shared<AssessFlags>();
  command.add_option("CASE", f->case_id, "The case id (or its external id)")->required();
  command.add_option("--domain", f->domains, "A life domain's score: DOMAIN=1..5, or DOMAIN=na (repeatable)");
  command.add_option("--date", f->date, "Date of the assessment (default: today)");
  command.add_option("--by", f->by, "Who assessed (default: the acting user)");
  command.add_option("--method", f->method,
                     "interview, home-visit, phone or documents (default: home-visit with --visit, else interview)");
  command.add_option("--visit", f->visit, "Date of the home visit");
  command.add_option("--participant", f->participants,
                     "Who of the case's team took part in the visit, by login (repeatable; a joint visit)");
  command.add_option("--living-conditions", f->living_conditions, "What the home visit found about living conditions");
  command.add_option("--risk", f->risk,
                     "Safety risk to children: low, moderate, high, very-high (default: derived from the scores)");
  command.add_option("--risk-reason", f->risk_reasons, "Why the risk is what it is");
  command.add_option("--override-reason", f->override_reason, "Why --risk differs from the level the scores suggest");
  command.add_flag("--immediate-danger", f->immediate_danger, "A child is in immediate danger (raises the case to emergency)");
  command.add_option("--strength", f->strengths, "A strength or resource of the family (repeatable)");
  command.add_option("--circle-strength", f->circle_strengths, "A strength of relatives, neighbours, friends (repeatable)");
  command.add_option("--expectation", f->expectations, "What the person wants to change, in their own words (repeatable)");
  command.add_option("--missing-document", f->missing_documents, "A document the family lacks (repeatable)");
  command.add_option("--note", f->note, "A note");
  command.add_option("--from", f->from, "Read the whole assessment from a TOML or JSON file ('-' for stdin)");
  command.add_option("--input-format", f->input_format, "toml or json (default: from the file's extension)");
  command.add_flag("--history", f->history, "Show each domain's score over time and the change from the baseline");
  command.add_flag("--show", f->show, "Show an assessment (the latest, or --number N)");
  command.add_option("--number", f->number, "With --show: which assessment (1 = baseline)");
  add_output_flags(command, f->output);
  command.footer("Records an assessment and prints its id, CASE/N (N = 1 for the baseline).\n"
                 "Domains and scale labels come from config: 'casectl config show' lists assessment.domains.");

  handler = [f, &command](Context& context) -> Status {
    bool describes = std::any_of(std::begin(k_assessment_flags), std::end(k_assessment_flags),
                                 [&](const char* flag) { return command.count(flag) > 0; });
    if (command.count("--number") > 0 && (!f->show || f->number < 1))
      return Status::usage(f->show ? "--number: give the assessment's number, 1 for the baseline" : "--number goes with --show");
    if (f->history || f->show) {
      if (describes || !f->from.empty())
        return Status::usage(tr("--history and --show only read; give them without the fields of a new assessment"));
      if (f->history && f->show) return Status::usage(tr("--history and --show are alternatives; give one"));
      return f->history ? print_history(context, *f) : print_assessment(context, *f);
    }
    Result<AssessmentRequest> request = Status::ok();
    if (!f->from.empty()) {
      if (describes) return Status::usage(tr("--from gives the whole assessment; leave out the other fields"));
      request = request_from_file(*f);
    } else if (!describes) {
      return Status::usage(trf("nothing to record; give scores with --domain DOMAIN=SCORE (and --risk, --visit, ...), "
                               "or --from FILE; 'casectl assess {} --history' shows earlier ones",
                               f->case_id));
    } else {
      request = request_from_flags(command, *f);
    }
    if (!request) return request.status();
    if (request->records_nothing())
      return Status::invalid(trf("{}the assessment records nothing; give at least domain scores, a risk, "
                                 "strengths or expectations",
                                 f->from.empty() ? "" : (f->from == "-" ? "stdin: " : f->from + ": ")));
    Result<AssessmentChange> outcome = record_assessment(*context.store, f->case_id, *request, context.config, context.change);
    if (!outcome) return outcome.status();
    const Assessment& a = outcome->assessment;
    std::fprintf(context.out, "%s/%d\n", a.case_id.c_str(), a.number);
    if (!outcome->urgency_after.empty())
      fmt::print(context.err, "casectl: {}\n",
                 a.immediate_danger ? trf("case {} raised from {} to {}: a child is in immediate danger", a.case_id,
                                          outcome->urgency_before, outcome->urgency_after)
                                    : trf("case {} raised from {} to {}: the risk to children is very high", a.case_id,
                                          outcome->urgency_before, outcome->urgency_after));
    if (context.err_is_terminal) {
      std::string said = a.number == 1 ? trf("recorded the baseline assessment of {}", a.case_id)
                                       : trf("recorded a reassessment of {}", a.case_id);
      if (outcome->status_changed) said += tr("; the case is now in assessment");
      fmt::print(context.err, "casectl: {}\n", said);
    }
    return Status::ok();
  };
}

} // namespace casectl::cli
