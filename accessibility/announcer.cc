#include "accessibility/announcer.h"

#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace carevoice::a11y {
namespace {

const char* RoleKey(Role role) {
  switch (role) {
    case Role::kButton:
      return "role.button";
    case Role::kTextField:
      return "role.text_field";
    case Role::kRadio:
      return "role.radio";
    case Role::kCheckbox:
      return "role.checkbox";
    case Role::kHeading:
      return "role.heading";
    case Role::kText:
      return "role.text";
    case Role::kImage:
      return "role.image";
  }
  return "role.text";
}

}  // namespace

std::string JoinSentences(std::string_view first, std::string_view second) {
  if (first.empty()) return std::string(second);
  if (second.empty()) return std::string(first);
  bool ended = false;
  for (std::string_view mark : {".", "!", "?", ":", "\u0964" /* danda */,
                                "\u06D4" /* Urdu full stop */, "\u061F" /* Arabic ? */}) {
    ended = ended || first.ends_with(mark);
  }
  return std::string(first) + (ended ? " " : ". ") + std::string(second);
}

Announcer::Announcer(Speaker& speaker, Translate translate)
    : speaker_(speaker), translate_(std::move(translate)) {}

std::string Announcer::Describe(const WidgetInfo& item, int position,
                                int count) const {
  std::vector<std::string> parts;
  // Personal details go through the speaker only in private listening.
  std::string state = item.personal && !private_listening_ && !item.state.empty()
                          ? translate_("state.hidden")
                          : item.state;
  for (std::string part : {translate_(RoleKey(item.role)), item.label, state}) {
    if (!part.empty()) parts.push_back(std::move(part));
  }
  // "0 of 0" means nothing; headings and text outside the focus order get
  // no position.
  if (position > 0 && count > 0) {
    parts.push_back(absl::StrReplaceAll(
        translate_("focus.position"),
        {{"{0}", std::to_string(position)}, {"{1}", std::to_string(count)}}));
  }
  return JoinSentences(absl::StrJoin(parts, ", "), item.hint);
}

void Announcer::ScreenEntered(std::string_view title,
                              std::string_view instruction) {
  last_ = JoinSentences(title, instruction);
  Emit(last_, /*interrupt=*/true);
  entered_this_frame_ = true;
}

void Announcer::FocusChanged(const WidgetInfo& item, int position, int count) {
  const std::string text = Describe(item, position, count);
  if (entered_this_frame_) {
    // The screen's title is still being said: follow it, don't cut it off.
    last_ = JoinSentences(last_, text);
    Emit(text, /*interrupt=*/false);
  } else {
    last_ = text;
    Emit(text, /*interrupt=*/true);
  }
}

void Announcer::Say(std::string_view text) {
  last_ = std::string(text);
  Emit(last_, /*interrupt=*/true);
}

void Announcer::Queue(std::string_view text) {
  last_ = JoinSentences(last_, text);
  Emit(std::string(text), /*interrupt=*/false);
}

void Announcer::Repeat() {
  if (last_.empty()) return;
  Emit(last_, /*interrupt=*/true);
}

void Announcer::Stop() { speaker_.Stop(); }

void Announcer::Emit(std::string text, bool interrupt) {
  caption_ = text;
  const Utterance u{std::move(text), language_};
  if (interrupt) {
    speaker_.Say(u);
  } else {
    speaker_.Queue(u);
  }
}

}  // namespace carevoice::a11y
