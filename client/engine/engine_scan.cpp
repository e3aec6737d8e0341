// Scanning into a draft's material slots (DESIGN.md §9, issue 12). A capture runs on the scan
// thread; each page's source is made durable there, then its row is committed on the engine
// thread before the next page is read, so a jam, a pulled cable or a crash keeps every page
// done. Processing to the material's policy runs on the page thread and is recorded only for
// the arrangement it was made for; the page editor's edits are arrangements.

#include <algorithm>
#include <fstream>
#include <future>
#include <iterator>

#include "client/engine/engine_impl.hpp"
#include "client/engine/page_processing.hpp"
#include "client/engine/time_text.hpp"
#include "client/scan/page_order.hpp"
#include "forms/catalog.hpp"
#include "localdb/captured_pages.hpp"

namespace onewindow::engine {
namespace {

constexpr int kDefaultThumbnailSide = 160;

std::string pageRange(int first, int last) {
  if (first == last) return "第 " + std::to_string(first) + " 页";
  return "第 " + std::to_string(first) + "–" + std::to_string(last) + " 页";
}

// What the clerk reads when a batch stops early: the device's sentence and what was kept.
std::string endMessage(const scan::CaptureEnd& end, int firstKept, int lastKept) {
  std::string message;
  if (end.error) message = end.error->clerkText();
  if (end.pagesDone > 0) {
    message += (message.empty() ? "已保留" : " — 已保留") + pageRange(firstKept, lastKept);
  }
  return message;
}

bool fromCamera(const std::string& device) { return device.rfind("camera:", 0) == 0; }

// A manual duplex: the fronts went through the feeder, then the stack turned over for the
// backs, which come last page first.
std::vector<PageArrangement> interleavedDuplex(const std::vector<localdb::CapturedPage>& pages) {
  if (pages.size() % 2 != 0) {
    throw localdb::CaseError(localdb::CaseError::Kind::Invalid,
                             "a manual duplex needs as many backs as fronts, and there are " +
                                 std::to_string(pages.size()) + " pages");
  }
  std::vector<PageArrangement> fronts, backs;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    (i < pages.size() / 2 ? fronts : backs)
        .push_back({pages[i].id, pages[i].quarterTurns, pages[i].crop});
  }
  return scan::interleaveDuplex(std::move(fronts), std::move(backs));
}

}  // namespace

// Runs on the scan thread, called by the driver.
class Engine::Impl::CaptureToStore : public scan::CaptureObserver {
 public:
  CaptureToStore(Impl& engine, std::uint64_t requestId, CaptureSlot slot, std::string device,
                 std::shared_ptr<scan::CancelFlag> cancel)
      : engine_(engine),
        requestId_(requestId),
        slot_(std::move(slot)),
        device_(std::move(device)),
        cancel_(std::move(cancel)) {}

  void pageStarted(int index) override {
    engine_.queue_.post([this_engine = &engine_, requestId = requestId_, index] {
      this_engine->publish(CaptureProgress{requestId, index, -1});
    });
  }

  void pageProgress(int index, double fraction) override {
    engine_.queue_.post([this_engine = &engine_, requestId = requestId_, index, fraction] {
      this_engine->publish(CaptureProgress{requestId, index, fraction});
    });
  }

  void pageDone(int, scan::Raster page) override {
    if (storeFailure_) return;  // the batch is being stopped: nothing more can be kept
    try {
      // A page whose resolution nobody knows (a camera frame, an image file without one) is
      // taken at the policy's: processing then keeps its pixels instead of shrinking it as if
      // it were a finer scan. This is the one place that decides it.
      if (page.dpi <= 0) page.dpi = slot_.policy.dpi;
      const EncodedFile source = encodeSource(page);
      const localdb::StoredFile stored = engine_.materials_->put(
          std::as_bytes(std::span(source.bytes.data(), source.bytes.size())));
      // Wait for the row: the next page is read only once this one is safe.
      auto kept = std::make_shared<std::promise<int>>();
      std::future<int> position = kept->get_future();
      // The engine task owns the promise: a task the stopping engine drops breaks it.
      engine_.queue_.post([&engine = engine_, kept = std::move(kept), requestId = requestId_,
                           slot = slot_, device = device_, stored, mediaType = source.mediaType] {
        try {
          kept->set_value(engine.keepCapturedPage(requestId, slot, stored.sha256, stored.size,
                                                  mediaType, device));
        } catch (...) {
          kept->set_exception(std::current_exception());
        }
      });
      const int at = position.get();
      if (firstPosition_ == 0) firstPosition_ = at;
      lastPosition_ = at;
      ++kept_;
    } catch (const std::future_error&) {
      stop("工作站正在退出");  // the engine stopped before the row could be written
    } catch (const localdb::MaterialStoreError& error) {
      stop(error.kind() == localdb::MaterialStoreError::Kind::DiskFull
               ? std::string("磁盘已满：请清理空间后继续")
               : std::string("材料保存失败：") + error.what());
    } catch (const std::exception& error) {
      stop(std::string("材料保存失败：") + error.what());
    }
  }

  [[nodiscard]] bool hasEnded() const { return ended_; }

  void ended(const scan::CaptureEnd& end) override {
    ended_ = true;
    scan::CaptureEnd kept = end;
    kept.pagesDone = kept_;
    CaptureEnded ended{requestId_, slot_.caseUuid, slot_.slotKey, kept_, 0, end.cancelled, {}, {}};
    if (storeFailure_) {
      ended.error = scan::ScanErrorKind::Io;
      ended.cancelled = false;
      ended.message =
          *storeFailure_ +
          (kept_ > 0 ? " — 已保留" + pageRange(firstPosition_, lastPosition_) : std::string());
    } else {
      if (end.error) ended.error = end.error->kind();
      ended.message = endMessage(kept, firstPosition_, lastPosition_);
    }
    if (end.error) {
      engine_.log("capture into " + slot_.slotKey + " ended: " +
                  scan::scanErrorKindName(end.error->kind()) + ": " + end.error->what());
    }
    engine_.queue_.post([&engine = engine_, ended]() mutable {
      {
        std::lock_guard lock(engine.capturesMutex_);
        engine.captures_.erase(ended.requestId);
      }
      try {
        ended.pagesInSlot =
            static_cast<int>(localdb::CapturedPageRepository(engine.store_->database())
                                 .pagesOf(ended.caseUuid, ended.slotKey)
                                 .size());
      } catch (const std::exception&) {
        ended.pagesInSlot = -1;
      }
      engine.publish(ended);
    });
  }

 private:
  void stop(const std::string& why) {
    storeFailure_ = why;
    cancel_->cancel();
  }

  Impl& engine_;
  std::uint64_t requestId_;
  CaptureSlot slot_;
  std::string device_;
  std::shared_ptr<scan::CancelFlag> cancel_;
  std::optional<std::string> storeFailure_;
  int kept_ = 0;
  int firstPosition_ = 0, lastPosition_ = 0;
  bool ended_ = false;
};

void Engine::Impl::cancelCaptures(bool forGood) {
  std::lock_guard lock(capturesMutex_);
  if (forGood) capturesClosed_ = true;
  for (auto& [requestId, running] : captures_) running.cancel->cancel();
}

ScanService& Engine::Impl::scanService() {
  if (!scanService_) scanService_ = std::make_unique<ScanService>(config_.scanFolders);
  return *scanService_;
}

void Engine::Impl::requirePagesWelcome(const localdb::CaseRecord& record,
                                       const std::string& slotKey) {
  // A case taken in takes pages only into a material the applicant still owes (容缺 gaps, a
  // correction notice's materials); the rest are frozen.
  const bool awaiting = record.state == localdb::CaseState::AcceptedWithGaps ||
                        record.state == localdb::CaseState::InProgress ||
                        record.state == localdb::CaseState::Suspended ||
                        record.state == localdb::CaseState::AwaitingCorrection;
  const auto slots = cases_->slotsOf(record.id);
  const auto slot = std::find_if(slots.begin(), slots.end(),
                                 [&](const localdb::SlotRecord& s) { return s.key == slotKey; });
  const bool owed =
      slot != slots.end() && slot->status != "received" && slot->status != "elicence" &&
      (slot->status == "gap" || record.state == localdb::CaseState::AwaitingCorrection);
  if (!awaiting || !owed) {
    throw localdb::CaseError(
        localdb::CaseError::Kind::WrongState,
        "case " + record.uuid + " has been taken in: only a material it still owes takes pages");
  }
}

Engine::Impl::CaptureSlot Engine::Impl::requireCaptureSlot(const std::string& caseUuid,
                                                           const std::string& slotKey) {
  const std::optional<localdb::CaseRecord> record = cases_->findByUuid(caseUuid);
  if (!record) throw localdb::CaseError(localdb::CaseError::Kind::NotFound, "no case " + caseUuid);
  forms::CivilDate today = forms::chinaDate(clock_->now());
  if (record->state != localdb::CaseState::Draft) {
    requirePagesWelcome(*record, slotKey);
    if (const auto intakeAt = localdb::parseIsoUtc(record->intakeAt.value_or("")))
      today = forms::chinaDate(*intakeAt);  // the matter as the case was taken in
  }
  const forms::IntakeSubject subject = requireSubject(record->matterCode, today);
  const auto slotOf = [&](const forms::Material& material) {
    return CaptureSlot{caseUuid, slotKey, material.name.zh, material.scan,
                       session_ ? session_->clerkId : std::string()};
  };
  if (subject.matter != nullptr) {
    for (const forms::Material& material : subject.matter->materials) {
      if (material.key == slotKey) return slotOf(material);
    }
  } else {
    for (const forms::BundleMaterial& merged :
         forms::bundleMaterials(requireCatalog(), *subject.bundle, today)) {
      if (merged.material.key == slotKey) return slotOf(merged.material);
    }
  }
  throw localdb::CaseError(localdb::CaseError::Kind::Invalid,
                           "'" + slotKey + "' is not a material of " + subject.code());
}

void Engine::Impl::handle(ListScanDevices& command) {
  scanQueue_.post([this, requestId = command.requestId] {
    ScanDevicesListed listed = scanService().list();
    listed.requestId = requestId;
    queue_.post([this, listed] { publish(listed); });
  });
}

void Engine::Impl::handle(StartCapture& command) {
  withClerk(command.requestId, [&] {
    const CaptureSlot slot = requireCaptureSlot(command.caseUuid, command.slotKey);
    if (command.device == "files" && command.files.empty()) {
      throw localdb::CaseError(localdb::CaseError::Kind::Invalid, "no files to import");
    }
    auto cancel = std::make_shared<scan::CancelFlag>();
    {
      std::lock_guard lock(capturesMutex_);
      if (capturesClosed_) {
        throw localdb::CaseError(localdb::CaseError::Kind::Conflict, "the workstation is closing");
      }
      if (!captures_.empty()) {
        throw localdb::CaseError(localdb::CaseError::Kind::Conflict,
                                 "a capture is already running at this window");
      }
      captures_.emplace(command.requestId, RunningCapture{cancel, command.caseUuid});
    }
    audit(session_->clerkId, "material.capture.start",
          command.caseUuid + " " + command.slotKey + " from " + command.device);
    scanQueue_.post([this, requestId = command.requestId, slot, device = command.device,
                     settings = command.settings, files = command.files, cancel] {
      CaptureToStore observer(*this, requestId, slot, device, cancel);
      try {
        scanService().capture(device, settings, files, observer, *cancel);
      } catch (const std::exception& error) {
        // A driver must end every capture itself; one that threw still ends it here, so the
        // window hears of it and the next capture is allowed.
        log(std::string("capture from ") + device + " failed: " + error.what());
        if (!observer.hasEnded())
          observer.ended({0, false, scan::ScanError(scan::ScanErrorKind::Io, error.what())});
      }
    });
  });
}

void Engine::Impl::handle(CancelCapture& command) {
  std::lock_guard lock(capturesMutex_);
  if (const auto found = captures_.find(command.requestId); found != captures_.end())
    found->second.cancel->cancel();
}

int Engine::Impl::keepCapturedPage(std::uint64_t requestId, const CaptureSlot& slot,
                                   const std::string& sourceSha256, std::uint64_t sourceBytes,
                                   const std::string& mediaType, const std::string& device) {
  // The case may have been taken in while the batch ran: its materials are frozen then.
  const std::optional<localdb::CaseRecord> record = cases_->findByUuid(slot.caseUuid);
  if (!record) {
    throw localdb::CaseError(localdb::CaseError::Kind::NotFound, "the case is gone");
  }
  if (record->state != localdb::CaseState::Draft) requirePagesWelcome(*record, slot.slotKey);
  localdb::CapturedPageRepository pages(store_->database());
  const std::int64_t id =
      pages.append(slot.caseUuid, slot.slotKey, sourceSha256, sourceBytes, mediaType, device,
                   {slot.clerkId, isoUtc(clock_->now()), session_ ? session_->windowCode : ""});
  const std::optional<localdb::CapturedPage> page = pages.page(id);
  // The page's number as the clerk sees it: pages removed earlier do not count.
  const int shown = static_cast<int>(pages.pagesOf(slot.caseUuid, slot.slotKey).size());
  publish(CapturedPageStored{requestId, slot.caseUuid, slot.slotKey, id, shown});
  queueProcessing(slot, *page, kDefaultThumbnailSide);
  return shown;
}

ProcessedPage Engine::Impl::processAndStore(const CaptureSlot& slot,
                                            const localdb::CapturedPage& page, int thumbnailSide) {
  ProcessedPage processed = processPage(readMaterial(page.sourceSha256),
                                        {fromCamera(page.device), page.quarterTurns, page.crop},
                                        slot.policy, thumbnailSide);
  const localdb::StoredFile stored = materials_->put(
      std::as_bytes(std::span(processed.file.bytes.data(), processed.file.bytes.size())));
  processed.output.sha256 = stored.sha256;
  return processed;
}

void Engine::Impl::rememberThumbnail(const std::string& sha256, int side,
                                     const PageRaster& thumbnail) {
  // Bounded by clearing: a window lists tens of pages, a day a few thousand.
  if (thumbnails_.size() >= 512) thumbnails_.clear();
  thumbnails_[{sha256, side}] = thumbnail;
}

PageRaster Engine::Impl::outputThumbnail(const std::string& sha256, int side) {
  if (const auto found = thumbnails_.find({sha256, side}); found != thumbnails_.end())
    return found->second;
  PageRaster thumbnail = sourceThumbnail(readMaterial(sha256), 0, side);
  rememberThumbnail(sha256, side, thumbnail);
  return thumbnail;
}

std::vector<std::uint8_t> Engine::Impl::readMaterial(const std::string& sha256) const {
  std::ifstream in(materials_->pathOf(sha256), std::ios::binary);
  if (!in) throw std::runtime_error("the material " + sha256 + " cannot be read");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void Engine::Impl::queueProcessing(const CaptureSlot& slot, const localdb::CapturedPage& page,
                                   int thumbnailSide) {
  if (!processing_.insert(page.id).second) return;  // already queued: it re-reads the row
  pageQueue_.post([this, slot, pageId = page.id, thumbnailSide] {
    // The row as it is now, read on the engine thread, so the newest arrangement is processed.
    // A task the stopping engine drops breaks the promise instead of leaving this thread waiting.
    auto current = std::make_shared<std::promise<std::optional<localdb::CapturedPage>>>();
    auto row = current->get_future();
    queue_.post([this, pageId, current = std::move(current)] {
      processing_.erase(pageId);
      try {
        current->set_value(localdb::CapturedPageRepository(store_->database()).page(pageId));
      } catch (...) {
        current->set_value(std::nullopt);
      }
    });
    std::optional<localdb::CapturedPage> latest;
    try {
      latest = row.get();
    } catch (const std::future_error&) {
      return;  // the engine is stopping
    }
    if (!latest || latest->removed || latest->output) return;
    try {
      ProcessedPage processed = processAndStore(slot, *latest, thumbnailSide);
      rememberThumbnail(processed.output.sha256, thumbnailSide, processed.thumbnail);
      queue_.post([this, slot, page = *latest, processed = std::move(processed)]() mutable {
        try {
          localdb::CapturedPageRepository pages(store_->database());
          if (!pages.recordOutput(page.id, page.quarterTurns, page.crop, processed.output)) return;
          CapturedPageView view{page.id,   page.position,    page.quarterTurns,
                                page.crop, processed.output, std::move(processed.thumbnail)};
          publish(CapturedPageProcessed{slot.caseUuid, slot.slotKey, std::move(view)});
        } catch (const std::exception& error) {
          log("recording the processed page " + std::to_string(page.id) +
              " failed: " + error.what());
        }
      });
    } catch (const std::exception& error) {
      log("processing the captured page " + std::to_string(latest->id) +
          " failed: " + error.what());
      // The window says so at the page instead of showing it as being processed for ever.
      queue_.post([this, slot, page = *latest, problem = std::string(error.what())] {
        CapturedPageView view{page.id, page.position, page.quarterTurns, page.crop, {},
                              {},      problem};
        publish(CapturedPageProcessed{slot.caseUuid, slot.slotKey, std::move(view)});
      });
    }
  });
}

MaterialOutputSummary Engine::Impl::summarize(const CaptureSlot& slot,
                                              const std::vector<localdb::CapturedPage>& pages) {
  MaterialOutputSummary summary;
  summary.maxBytes = slot.policy.maxBytes;
  summary.pages = static_cast<int>(pages.size());
  int position = 0;
  for (const localdb::CapturedPage& page : pages) {
    ++position;
    if (!page.output) continue;
    ++summary.processed;
    summary.bytes += page.output->sizeBytes;
    if (page.output->blank) {
      ++summary.blankPages;
      summary.warnings.push_back("第 " + std::to_string(position) + " 页像是空白页，请确认");
    }
    if (!page.output->withinLimit) {
      summary.withinLimit = false;
      summary.warnings.push_back("第 " + std::to_string(position) + " 页：" + page.output->warning);
    }
  }
  if (summary.bytes > summary.maxBytes) {
    summary.withinLimit = false;
    summary.warnings.push_back("材料合计超过上限，请删去多余页或改用较低分辨率");
  }
  return summary;
}

void Engine::Impl::publishCapturedPages(std::uint64_t requestId, const CaptureSlot& slot,
                                        int thumbnailSide) {
  const std::vector<localdb::CapturedPage> pages =
      localdb::CapturedPageRepository(store_->database()).pagesOf(slot.caseUuid, slot.slotKey);
  for (const localdb::CapturedPage& page : pages) {
    if (!page.output) queueProcessing(slot, page, thumbnailSide);  // a crash or an edit left it
  }
  CapturedPagesListed listed{requestId, slot.caseUuid, slot.slotKey, {}, summarize(slot, pages)};
  // Thumbnails are image work: made on the page thread, after the processing queued above.
  pageQueue_.post([this, listed = std::move(listed), pages, thumbnailSide]() mutable {
    for (const localdb::CapturedPage& page : pages) {
      CapturedPageView view{page.id, page.position, page.quarterTurns, page.crop, page.output, {}};
      try {
        if (page.output) {
          view.thumbnail = outputThumbnail(page.output->sha256, thumbnailSide);
        } else {
          view.thumbnail =
              sourceThumbnail(readMaterial(page.sourceSha256), page.quarterTurns, thumbnailSide);
        }
      } catch (const std::exception& error) {
        log("thumbnail of page " + std::to_string(page.id) + ": " + error.what());
      }
      listed.pages.push_back(std::move(view));
    }
    queue_.post([this, listed = std::move(listed)] { publish(listed); });
  });
}

void Engine::Impl::handle(ListCapturedPages& command) {
  withClerk(command.requestId, [&] {
    publishCapturedPages(command.requestId, requireCaptureSlot(command.caseUuid, command.slotKey),
                         command.thumbnailSide > 0 ? command.thumbnailSide : kDefaultThumbnailSide);
  });
}

void Engine::Impl::handle(ArrangeCapturedPages& command) {
  withClerk(command.requestId, [&] {
    const CaptureSlot slot = requireCaptureSlot(command.caseUuid, command.slotKey);
    localdb::CapturedPageRepository pages(store_->database());
    if (command.interleaveDuplex)
      command.pages = interleavedDuplex(pages.pagesOf(command.caseUuid, command.slotKey));
    pages.arrange(command.caseUuid, command.slotKey, command.pages, actor());
    publishCapturedPages(command.requestId, slot,
                         command.thumbnailSide > 0 ? command.thumbnailSide : kDefaultThumbnailSide);
  });
}

void Engine::Impl::handle(RenderCapturedPage& command) {
  withClerk(command.requestId, [&] {
    (void)requireCaptureSlot(command.caseUuid, command.slotKey);
    const std::optional<localdb::CapturedPage> page =
        localdb::CapturedPageRepository(store_->database()).page(command.pageId);
    if (!page || page->slotKey != command.slotKey) {
      throw localdb::CaseError(
          localdb::CaseError::Kind::NotFound,
          "no page " + std::to_string(command.pageId) + " in " + command.slotKey);
    }
    pageQueue_.post([this, requestId = command.requestId, page = *page,
                     maxSide = std::clamp(command.maxSide, 64, 2000)] {
      try {
        UncroppedPage view = uncroppedPage(readMaterial(page.sourceSha256), fromCamera(page.device),
                                           page.quarterTurns, maxSide);
        queue_.post([this, requestId, page, view = std::move(view)]() mutable {
          publish(CapturedPageRendered{requestId, page.id, std::move(view.preview), view.width,
                                       view.height, page.crop, page.quarterTurns});
        });
      } catch (const std::exception& error) {
        queue_.post([this, requestId, message = std::string(error.what())] {
          publish(CommandFailed{requestId, CommandFailure::Storage, message});
        });
      }
    });
  });
}

void Engine::Impl::handle(StartCameraPreview& command) {
  withClerk(command.requestId, [&] {
    scanQueue_.post([this, requestId = command.requestId, device = command.device,
                     maxSide = std::clamp(command.maxSide, 64, 1280)] {
      const auto inFlight = frameInFlight_;
      const auto onFrame = [this, requestId, maxSide, inFlight](const scan::Raster& frame) {
        if (inFlight->exchange(true)) return;  // the window has not taken the last one yet
        PageRaster fitted;
        try {
          fitted = previewFrame(frame, maxSide);
        } catch (const std::exception&) {
          inFlight->store(false);
          return;
        }
        queue_.post([this, requestId, inFlight, fitted = std::move(fitted)]() mutable {
          inFlight->store(false);
          publish(CameraFrame{requestId, std::move(fitted)});
        });
      };
      const auto onError = [this, requestId](const scan::ScanError& error) {
        queue_.post([this, requestId, kind = error.kind(), message = std::string(error.what())] {
          publish(CameraPreviewEnded{requestId, kind, message});
        });
      };
      try {
        scanService().startPreview(device, {}, onFrame, onError);
      } catch (const scan::ScanError& error) {
        onError(error);
      }
    });
  });
}

void Engine::Impl::handle(StopCameraPreview&) {
  scanQueue_.post([this] { scanService().stopPreview(); });
}

std::vector<PageRef> Engine::Impl::capturedMaterial(const CaptureSlot& slot) {
  localdb::CapturedPageRepository pages(store_->database());
  std::vector<std::vector<std::uint8_t>> outputs;
  for (localdb::CapturedPage& page : pages.pagesOf(slot.caseUuid, slot.slotKey)) {
    if (!page.output) {
      // Intake does not wait for the page thread: what is left is processed here, now.
      ProcessedPage processed = processAndStore(slot, page, 32);
      (void)pages.recordOutput(page.id, page.quarterTurns, page.crop, processed.output);
      outputs.push_back(std::move(processed.file.bytes));
    } else {
      outputs.push_back(readMaterial(page.output->sha256));
    }
  }
  std::vector<PageRef> refs;
  if (outputs.empty()) return refs;
  for (const EncodedFile& file : materialFiles(outputs, slot.policy, slot.materialName)) {
    const localdb::StoredFile stored =
        materials_->put(std::as_bytes(std::span(file.bytes.data(), file.bytes.size())));
    refs.push_back({stored.sha256, stored.size, file.mediaType});
  }
  return refs;
}

}  // namespace onewindow::engine
