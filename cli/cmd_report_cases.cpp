// casectl report cases: one document per case matching list-style filters, written into a
// directory (write_documents in lib/cases/documents.hpp); stdout lists each file written.
#include "commands.hpp"
#include "progress.hpp"
#include "util/messages.hpp"

#include "cases/documents.hpp"
#include "cases/journal.hpp"
#include "output/templates.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

namespace {

struct ReportCasesFlags {
  CaseFilterFlags filter;
  std::string template_name, out_dir, document, as_of;
  bool force = false;
  OutputFlags output; // -o, --no-headers, --redact; --template is the documents' template
};

const std::vector<Column>& written_columns() {
  static const std::vector<Column> columns = {{"case_id", "CASE"}, {"file", "FILE"}, {"bytes", "BYTES"}};
  return columns;
}

Result<DocumentsRequest> request_of(const ReportCasesFlags& f, const Context& context) {
  DocumentsRequest request;
  request.kind = document_kind_of_template(f.template_name);
  if (!f.document.empty()) {
    Result<DocumentKind> kind = parse_document_kind(f.document);
    if (!kind) return kind.status();
    request.kind = *kind;
  }
  Result<CaseFilter> filter = case_filter_of(f.filter, context);
  if (!filter) return filter.status();
  request.filter = std::move(*filter);
  Result<templates::Template> document = templates::find(f.template_name, context.config.templates_dir, context.config.language);
  if (!document) return document.status();
  request.document = std::move(*document);
  request.out_dir = f.out_dir;
  request.force = f.force;
  request.redact = f.output.redact;
  if (!f.as_of.empty()) {
    Result<date::Date> day = option_date("--as-of", f.as_of, context);
    if (!day) return day.status();
    request.as_of = *day;
  }
  return request;
}

void print_summary(Context& context, const DocumentsRequest& request, const DocumentsSummary& summary) {
  if (summary.matched == 0) {
    fmt::print(context.err, "casectl: {}\n", tr("no case matches the filters; nothing written"));
    return;
  }
  if (!context.err_is_terminal) return;
  std::string skipped = summary.skipped == 0 ? "" : trf("; {} skipped ({})", summary.skipped, skipped_reason(request));
  fmt::print(context.err, "casectl: {}\n",
             ntrf("wrote {} document to {}", "wrote {} documents to {}", summary.written, summary.written, request.out_dir) +
                 skipped);
}

} // namespace

void define_report_cases(CLI::App& command, Handler& handler) {
  auto f = std::make_shared<ReportCasesFlags>();
  command
      .add_option("--template", f->template_name,
                  "The document's Mustache template: a NAME (case, plan, assessment, or a region's) or a FILE")
      ->required();
  command.add_option("--out", f->out_dir, "The directory to write the documents into (created, mode 0700, when missing)")
      ->required();
  command.add_option("--document", f->document,
                     "What each document shows: case, plan (the latest revision) or assessment (the latest); default: the "
                     "template's name when it is one of these, else case");
  command.add_flag("--force", f->force, "Replace documents already in the directory");
  command.add_option("--as-of", f->as_of,
                     "Case cards as they stood at the end of this day, by effective dates (cases opened later are skipped)");
  add_case_filter_options(command, f->filter);
  add_format_flags(command, f->output);
  command.footer("Writes one file per case, named from the case id (2026-00017.txt, or .html for an HTML template), each\n"
                 "written whole or not at all; prints case_id, file, bytes for each. See docs/reports.md.");
  handler = [f](Context& context) -> Status {
    Result<DocumentsRequest> request = request_of(*f, context);
    if (!request) return request.status();
    Result<DocumentsSummary> done = Status::internal(tr("documents not written"));
    std::vector<std::string> read; // the cases whose documents were written, for audit.reads
    // When a run fails after writing some files, they are still listed (the listing is finished,
    // then the failure returned); a run refused before writing prints nothing on stdout.
    Status printed = print_records(context, f->output, written_columns(), "documents", [&](const RecordSink& sink) {
      Status printing;
      std::size_t written = 0;
      Progress shown(context.err, context.err_is_terminal && !context.out_is_terminal, "documents written");
      DocumentsProgress progress;
      progress.written = [&](const WrittenDocument& w) {
        ++written;
        shown.update(static_cast<long long>(written));
        read.push_back(w.case_id);
        printing = sink(Record{{"case_id", w.case_id}, {"file", w.file}, {"bytes", w.bytes}});
        return printing;
      };
      progress.skipped = [&](const std::string& case_id, const std::string& why) {
        shown.clear();
        fmt::print(context.err, "casectl: {}\n", trf("skipped {}: {}", case_id.c_str(), why.c_str()));
      };
      done = write_documents(*context.store, context.config, *request, context.change.clock.today, progress);
      return written == 0 ? done.status() : printing;
    });
    // Every document written is a case read, also when the run failed after writing some.
    CASECTL_TRY(journal_reads(*context.store, context.config, context.change, read,
                              fmt::format("report cases --document {}", document_kind_name(request->kind))));
    CASECTL_TRY(printed);
    if (!done) return done.status();
    print_summary(context, *request, *done);
    return Status::ok();
  };
}

} // namespace casectl::cli
