#include "client/scan/sane_options.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace onewindow::scan {
namespace {

std::string lowered(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

bool isOneOf(const std::string& value, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), value) != words.end();
}

double fromWord(const SANE_Option_Descriptor& option, SANE_Word word) {
  return option.type == SANE_TYPE_FIXED ? SANE_UNFIX(word) : static_cast<double>(word);
}

SANE_Word toWord(const SANE_Option_Descriptor& option, double value) {
  return option.type == SANE_TYPE_FIXED ? SANE_FIX(value)
                                        : static_cast<SANE_Word>(std::lround(value));
}

std::string optionName(std::string_view name) { return "option '" + std::string(name) + "'"; }

}  // namespace

std::optional<PaperSource> paperSourceFromSane(std::string_view value) {
  const std::string word = lowered(value);
  if (isOneOf(word, {"flatbed", "normal"})) return PaperSource::Flatbed;
  if (isOneOf(word, {"automatic document feeder", "adf", "adf front", "feeder"}))
    return PaperSource::Feeder;
  if (isOneOf(word, {"adf duplex", "duplex"})) return PaperSource::FeederDuplex;
  return std::nullopt;
}

std::optional<ColourMode> colourModeFromSane(std::string_view value) {
  const std::string word = lowered(value);
  if (isOneOf(word, {"color", "colour", "rgb", "24bit color"})) return ColourMode::Colour;
  if (isOneOf(word, {"gray", "grey", "grayscale", "greyscale", "8bit gray"}))
    return ColourMode::Grey;
  // Halftone is dithered grey, not the clean black and white a clerk means.
  if (isOneOf(word, {"lineart", "binary", "black & white"})) return ColourMode::BlackWhite;
  return std::nullopt;
}

ScanErrorKind scanErrorKindFromSane(SANE_Status status) {
  switch (status) {
    case SANE_STATUS_JAMMED:
      return ScanErrorKind::Jammed;
    case SANE_STATUS_NO_DOCS:
      return ScanErrorKind::FeederEmpty;
    case SANE_STATUS_COVER_OPEN:
      return ScanErrorKind::CoverOpen;
    case SANE_STATUS_DEVICE_BUSY:
      return ScanErrorKind::Busy;
    case SANE_STATUS_INVAL:
    case SANE_STATUS_UNSUPPORTED:
      return ScanErrorKind::Unsupported;
    default:
      return ScanErrorKind::Io;
  }
}

ScanError saneError(SANE_Status status, const std::string& what) {
  return {scanErrorKindFromSane(status), what + ": " + sane_strstatus(status)};
}

SaneOptions::SaneOptions(SANE_Handle handle) : handle_(handle) { reindex(); }

void SaneOptions::reindex() {
  indexByName_.clear();
  ++reindexCount_;
  // Option 0 always exists and holds the number of options.
  SANE_Int count = 0;
  if (sane_control_option(handle_, 0, SANE_ACTION_GET_VALUE, &count, nullptr) != SANE_STATUS_GOOD)
    throw ScanError(ScanErrorKind::Io, "cannot read the number of options");
  for (SANE_Int index = 1; index < count; ++index) {
    const SANE_Option_Descriptor* option = sane_get_option_descriptor(handle_, index);
    if (option == nullptr || option->name == nullptr || option->name[0] == '\0') continue;
    if (option->type == SANE_TYPE_GROUP) continue;
    indexByName_.emplace(option->name, index);  // a duplicate name keeps the first one
  }
}

const SANE_Option_Descriptor* SaneOptions::descriptor(std::string_view name) const {
  const auto found = indexByName_.find(name);
  if (found == indexByName_.end()) return nullptr;
  return sane_get_option_descriptor(handle_, found->second);
}

bool SaneOptions::settable(std::string_view name) const {
  const SANE_Option_Descriptor* option = descriptor(name);
  return option != nullptr && SANE_OPTION_IS_ACTIVE(option->cap) &&
         SANE_OPTION_IS_SETTABLE(option->cap);
}

std::optional<std::string> SaneOptions::firstPresent(
    std::initializer_list<std::string_view> names) const {
  for (const std::string_view name : names)
    if (has(name)) return std::string(name);
  return std::nullopt;
}

std::vector<std::string> SaneOptions::stringList(std::string_view name) const {
  std::vector<std::string> values;
  const SANE_Option_Descriptor* option = descriptor(name);
  if (option == nullptr || option->constraint_type != SANE_CONSTRAINT_STRING_LIST) return values;
  for (const SANE_String_Const* entry = option->constraint.string_list; *entry != nullptr; ++entry)
    values.emplace_back(*entry);
  return values;
}

std::vector<double> SaneOptions::wordList(std::string_view name) const {
  std::vector<double> values;
  const SANE_Option_Descriptor* option = descriptor(name);
  if (option == nullptr || option->constraint_type != SANE_CONSTRAINT_WORD_LIST) return values;
  const SANE_Word* list = option->constraint.word_list;
  for (SANE_Word i = 1; i <= list[0]; ++i) values.push_back(fromWord(*option, list[i]));
  return values;
}

std::optional<SaneRange> SaneOptions::range(std::string_view name) const {
  const SANE_Option_Descriptor* option = descriptor(name);
  if (option == nullptr || option->constraint_type != SANE_CONSTRAINT_RANGE) return std::nullopt;
  const SANE_Range& range = *option->constraint.range;
  return SaneRange{fromWord(*option, range.min), fromWord(*option, range.max),
                   fromWord(*option, range.quant)};
}

const SANE_Option_Descriptor& SaneOptions::require(std::string_view name, int& index) const {
  const auto found = indexByName_.find(name);
  const SANE_Option_Descriptor* option =
      found == indexByName_.end() ? nullptr : sane_get_option_descriptor(handle_, found->second);
  if (option == nullptr)
    throw ScanError(ScanErrorKind::Unsupported, "the device has no " + optionName(name));
  index = found->second;
  return *option;
}

void SaneOptions::getRaw(std::string_view name, int index, void* value) const {
  const SANE_Status status =
      sane_control_option(handle_, index, SANE_ACTION_GET_VALUE, value, nullptr);
  if (status != SANE_STATUS_GOOD) throw saneError(status, "reading " + optionName(name));
}

void SaneOptions::setRaw(std::string_view name, int index, void* value) {
  const SANE_Option_Descriptor* option = sane_get_option_descriptor(handle_, index);
  if (option == nullptr || !SANE_OPTION_IS_ACTIVE(option->cap) ||
      !SANE_OPTION_IS_SETTABLE(option->cap))
    throw ScanError(ScanErrorKind::Unsupported, optionName(name) + " cannot be set now");
  SANE_Int info = 0;
  const SANE_Status status =
      sane_control_option(handle_, index, SANE_ACTION_SET_VALUE, value, &info);
  if (status != SANE_STATUS_GOOD) throw saneError(status, "setting " + optionName(name));
  // Options may have appeared, vanished or changed their constraints (a mode change often
  // changes the depths and the resolution list): look them up by name again.
  if ((info & SANE_INFO_RELOAD_OPTIONS) != 0) reindex();
  // SANE_INFO_RELOAD_PARAMS needs nothing here: the frame parameters are always read with
  // sane_get_parameters after sane_start, never cached from before a change.
}

std::string SaneOptions::stringValue(std::string_view name) const {
  int index = 0;
  const SANE_Option_Descriptor& option = require(name, index);
  if (option.type != SANE_TYPE_STRING)
    throw ScanError(ScanErrorKind::Unsupported, optionName(name) + " is not text");
  std::vector<char> buffer(static_cast<std::size_t>(option.size) + 1, '\0');
  getRaw(name, index, buffer.data());
  return buffer.data();
}

double SaneOptions::numberValue(std::string_view name) const {
  int index = 0;
  const SANE_Option_Descriptor& option = require(name, index);
  if (option.type != SANE_TYPE_INT && option.type != SANE_TYPE_FIXED &&
      option.type != SANE_TYPE_BOOL)
    throw ScanError(ScanErrorKind::Unsupported, optionName(name) + " is not a number");
  // Sized for array options too; their first element is the value.
  std::vector<SANE_Word> buffer(
      std::max<std::size_t>(1, static_cast<std::size_t>(option.size) / sizeof(SANE_Word)));
  getRaw(name, index, buffer.data());
  return fromWord(option, buffer.front());
}

std::string SaneOptions::setString(std::string_view name, const std::string& value) {
  int index = 0;
  const SANE_Option_Descriptor& option = require(name, index);
  if (option.type != SANE_TYPE_STRING)
    throw ScanError(ScanErrorKind::Unsupported, optionName(name) + " is not text");
  if (value.size() + 1 > static_cast<std::size_t>(option.size))
    throw ScanError(ScanErrorKind::Unsupported, optionName(name) + ": '" + value + "' too long");
  std::vector<char> buffer(static_cast<std::size_t>(option.size), '\0');
  std::memcpy(buffer.data(), value.data(), value.size());
  setRaw(name, index, buffer.data());
  return stringValue(name);
}

double SaneOptions::setNumber(std::string_view name, double value) {
  int index = 0;
  const SANE_Option_Descriptor& option = require(name, index);
  if (option.type != SANE_TYPE_INT && option.type != SANE_TYPE_FIXED)
    throw ScanError(ScanErrorKind::Unsupported, optionName(name) + " is not a number");
  if (option.size != sizeof(SANE_Word))
    throw ScanError(ScanErrorKind::Unsupported, optionName(name) + " is an array");
  SANE_Word word = toWord(option, value);
  setRaw(name, index, &word);
  return numberValue(name);
}

bool SaneOptions::setBool(std::string_view name, bool value) {
  int index = 0;
  const SANE_Option_Descriptor& option = require(name, index);
  if (option.type != SANE_TYPE_BOOL)
    throw ScanError(ScanErrorKind::Unsupported, optionName(name) + " is not yes/no");
  SANE_Word word = value ? SANE_TRUE : SANE_FALSE;
  setRaw(name, index, &word);
  return numberValue(name) != 0;
}

void SaneOptions::setFromText(std::string_view name, const std::string& text) {
  int index = 0;
  const SANE_Option_Descriptor& option = require(name, index);
  switch (option.type) {
    case SANE_TYPE_BOOL: {
      const std::string word = lowered(text);
      if (isOneOf(word, {"yes", "true", "1", "on"})) {
        setBool(name, true);
      } else if (isOneOf(word, {"no", "false", "0", "off"})) {
        setBool(name, false);
      } else {
        throw ScanError(ScanErrorKind::Unsupported,
                        optionName(name) + ": '" + text + "' is not yes/no");
      }
      return;
    }
    case SANE_TYPE_INT:
    case SANE_TYPE_FIXED: {
      try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
        setNumber(name, value);
      } catch (const std::logic_error&) {
        throw ScanError(ScanErrorKind::Unsupported,
                        optionName(name) + ": '" + text + "' is not a number");
      }
      return;
    }
    case SANE_TYPE_STRING:
      setString(name, text);
      return;
    default:
      throw ScanError(ScanErrorKind::Unsupported, optionName(name) + " takes no value");
  }
}

}  // namespace onewindow::scan
