#include "client/scan/scan_error.hpp"

#include <utility>

namespace onewindow::scan {

const char* scanErrorKindName(ScanErrorKind kind) {
  switch (kind) {
    case ScanErrorKind::FeederEmpty:
      return "feeder_empty";
    case ScanErrorKind::Jammed:
      return "jammed";
    case ScanErrorKind::CoverOpen:
      return "cover_open";
    case ScanErrorKind::Busy:
      return "busy";
    case ScanErrorKind::Offline:
      return "offline";
    case ScanErrorKind::Io:
      return "io";
    case ScanErrorKind::Unsupported:
      return "unsupported";
  }
  return "io";
}

std::string clerkMessage(ScanErrorKind kind) {
  switch (kind) {
    case ScanErrorKind::FeederEmpty:
      return "进纸器中没有纸张：请放入材料后按继续";
    case ScanErrorKind::Jammed:
      return "卡纸：请清除卡纸后按继续";
    case ScanErrorKind::CoverOpen:
      return "扫描仪盖板未关好：请合上盖板后按继续";
    case ScanErrorKind::Busy:
      return "扫描仪正被其他程序使用：请稍候再试";
    case ScanErrorKind::Offline:
      return "扫描仪未连接：请检查电源和数据线";
    case ScanErrorKind::Io:
      return "扫描仪通讯出错：请重试，仍不行请重启扫描仪";
    case ScanErrorKind::Unsupported:
      return "扫描仪不支持所选设置：请换一种来源或模式";
  }
  return "扫描出错";
}

ScanError::ScanError(ScanErrorKind kind, std::string detail)
    : ScanError(kind, std::move(detail), clerkMessage(kind)) {}

ScanError::ScanError(ScanErrorKind kind, std::string detail, std::string clerkText)
    : std::runtime_error(clerkText + (detail.empty() ? "" : " (" + detail + ")")),
      kind_(kind),
      detail_(std::move(detail)),
      clerkText_(std::move(clerkText)) {}

}  // namespace onewindow::scan
