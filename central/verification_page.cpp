#include "central/verification_page.hpp"

#include <httplib.h>

#include <array>
#include <cctype>
#include <utility>
#include <variant>

#include "central/case_document.hpp"
#include "central/route_support.hpp"
#include "central/sql/sql.hpp"
#include "forms/markup_escape.hpp"
#include "localdb/verification_code.hpp"

namespace onewindow::central {
namespace {

// What a citizen reads for each state of DESIGN.md §4.
constexpr std::array kStateTexts{
    std::pair{std::string_view("draft"), std::string_view("尚未收件")},
    std::pair{std::string_view("intake"), std::string_view("已收件，正在审查材料")},
    std::pair{std::string_view("accepted"), std::string_view("已受理")},
    std::pair{std::string_view("accepted_with_gaps"),
              std::string_view("已容缺受理，请在约定期限内补齐材料")},
    std::pair{std::string_view("awaiting_correction"),
              std::string_view("待补正材料，请按一次性告知书补正")},
    std::pair{std::string_view("refused"), std::string_view("不予受理")},
    std::pair{std::string_view("in_progress"), std::string_view("审批中")},
    std::pair{std::string_view("suspended"), std::string_view("特别程序中（办理时限暂停计算）")},
    std::pair{std::string_view("decided"), std::string_view("已作出审批决定")},
    std::pair{std::string_view("finished"), std::string_view("已办结")},
    std::pair{std::string_view("awaiting_pickup"), std::string_view("已办结，待领取")},
    std::pair{std::string_view("collected"), std::string_view("已领取")},
    std::pair{std::string_view("posted"), std::string_view("已寄送")},
    std::pair{std::string_view("withdrawn"), std::string_view("已撤回申请")},
    std::pair{std::string_view("void"), std::string_view("已作废")},
};

std::string stateText(std::string_view state) {
  for (const auto& [name, text] : kStateTexts) {
    if (name == state) return std::string(text);
  }
  return std::string(state);
}

std::string chineseDate(const forms::CivilDate& date) {
  return std::to_string(date.year) + "年" + std::to_string(date.month) + "月" +
         std::to_string(date.day) + "日";
}

std::string page(std::string_view title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"robots\" content=\"noindex\"><title>" +
         forms::escapeMarkup(title) +
         "</title><style>body{font-family:sans-serif;margin:1.5em;max-width:40em}"
         "table{border-collapse:collapse;width:100%}"
         "th{text-align:left;padding-right:1em;white-space:nowrap;vertical-align:top}"
         "td{overflow-wrap:anywhere;word-break:break-all}"
         "td,th{padding-bottom:.5em}.note{color:#555;font-size:.9em}</style></head><body>" +
         body + "</body></html>\n";
}

void reply(httplib::Response& response, int status, const std::string& html) {
  response.status = status;
  // A citizen's state changes: never from a cache; never in a search engine.
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Robots-Tag", "noindex");
  response.set_content(html, "text/html; charset=utf-8");
}

}  // namespace

std::string maskedName(std::string_view name) {
  std::string result;
  bool first = true;
  for (std::size_t i = 0; i < name.size();) {
    const auto lead = static_cast<unsigned char>(name[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    result += first ? std::string(name.substr(i, length)) : std::string("*");
    first = false;
    i += length;
  }
  return result;
}

std::optional<VerifiedCase> findVerifiedCase(sql::Connection& db, std::string_view number,
                                             std::string_view code) {
  if (number.empty() || code.empty()) return std::nullopt;
  const std::string wanted = localdb::normalisedVerificationCode(code);
  // A provisional number is the window's (window code, date, sequence): two centres' windows
  // may share it, and the check code tells their cases apart.
  sql::Statement query = db.prepare(
      "SELECT case_uuid, latest_version, body, state, official_no, provisional_no FROM cases "
      "WHERE official_no = ?1 OR provisional_no = ?1");
  query.bind(1, number);
  while (query.step()) {
    const std::string uuid = query.columnText(0);
    if (localdb::caseVerificationCode(uuid) != wanted) continue;
    const auto parsed =
        parseCaseDocument(query.columnText(2), uuid, static_cast<int>(query.columnInt(1)));
    const auto* document = std::get_if<CaseDocument>(&parsed);
    if (document == nullptr) continue;  // stored bodies were checked; never show a broken one
    return VerifiedCase{query.columnText(4),
                        query.columnText(5),
                        query.columnText(3),
                        document->matterCode,
                        document->matterName,
                        document->applicantName,
                        forms::chinaDate(document->intakeAt),
                        document->promisedDue};
  }
  return std::nullopt;
}

std::string verificationPage(const VerifiedCase& found) {
  std::string rows;
  const auto row = [&rows](std::string_view label, const std::string& value) {
    if (!value.empty())
      rows += "<tr><th>" + forms::escapeMarkup(label) + "</th><td>" + forms::escapeMarkup(value) +
              "</td></tr>";
  };
  row("办件编号", found.officialNo);
  row("收件编号", found.provisionalNo);
  row("办理事项", found.matterName.empty() ? found.matterCode
                                           : found.matterName + "（" + found.matterCode + "）");
  row("申请人", maskedName(found.applicantName));
  row("收件日期", chineseDate(found.intakeDate));
  row("当前状态", stateText(found.state));
  if (found.promisedDue) row("承诺办结日期", chineseDate(*found.promisedDue));
  return page("办件进度查询", "<h1>办件进度查询</h1><table>" + rows +
                                  "</table><p class=\"note\">本页仅显示办件进度，不显示申请材料。"
                                  "如有疑问，请携带通知书到受理窗口咨询。</p>");
}

std::string verificationNotFoundPage() {
  return page("办件进度查询",
              "<h1>未找到该办件</h1><p>请核对通知书上的二维码或办件编号与查询码。"
              "刚受理的办件可能需要稍后才能查询到。</p>");
}

void installVerificationRoutes(httplib::Server& server, RouteContext& context) {
  CentralStore& store = context.store;
  server.Get(kVerificationPattern, [&store](const httplib::Request& request,
                                            httplib::Response& response) {
    const std::string number = request.matches[1];
    const std::string code = request.get_param_value("c");
    const std::optional<VerifiedCase> found =
        store.withDatabase([&](sql::Connection& db) { return findVerifiedCase(db, number, code); });
    if (found)
      reply(response, 200, verificationPage(*found));
    else
      reply(response, 404, verificationNotFoundPage());
  });
}

}  // namespace onewindow::central
